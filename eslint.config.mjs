// @ts-check
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "**/node_modules/", "build/", "out/", "bin/*.js", "tests/kafka/.cache/"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The catalog's browser script (plain script, no modules, no bundler).
    files: ["core/catalog/assets/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { document: "readonly", window: "readonly", URLSearchParams: "readonly" },
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
);
