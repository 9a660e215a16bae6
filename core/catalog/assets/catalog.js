// Kafka catalog: filters and sorts the topic table. Plain script, no dependencies, no network.
"use strict";
(function () {
  var table = document.getElementById("topics");
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var keys = rows.map(function (row) {
    return row.getAttribute("data-search") || "";
  });
  var search = document.getElementById("search");
  var classification = document.getElementById("classification");
  var count = document.getElementById("count");

  function filter() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = classification.value;
    var shown = 0;
    rows.forEach(function (row, i) {
      var match =
        words.every(function (w) {
          return keys[i].indexOf(w) >= 0;
        }) &&
        (wanted === "" || row.getAttribute("data-classification") === wanted);
      row.hidden = !match;
      if (match) shown++;
    });
    count.textContent = shown + " of " + rows.length + " topics";
  }

  function cellValue(row, column, numeric) {
    var cell = row.cells[column];
    var value = cell.getAttribute("data-sort");
    if (value === null) value = cell.textContent.trim().toLowerCase();
    return numeric ? Number(value) : value;
  }

  function sortBy(column, header) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var numeric = header.getAttribute("data-type") === "number";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
      h.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var sorted = rows.slice().sort(function (a, b) {
      var x = cellValue(a, column, numeric);
      var y = cellValue(b, column, numeric);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    sorted.forEach(function (row) {
      tbody.appendChild(row);
    });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
    header.querySelector("button").addEventListener("click", function () {
      sortBy(column, header);
    });
  });
  search.addEventListener("input", filter);
  classification.addEventListener("change", filter);
  document.querySelector("form.filters").addEventListener("submit", function (event) {
    event.preventDefault();
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) search.value = query;
  filter();
})();
