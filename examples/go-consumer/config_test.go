package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeSecret lays out a Secret volume: one file per key.
func writeSecret(t *testing.T, values map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for key, value := range values {
		if err := os.WriteFile(filepath.Join(dir, key), []byte(value), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func envOf(values map[string]string) func(string) string {
	return func(name string) string { return values[name] }
}

const testCA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

func TestLoadConfigFromSecretFiles(t *testing.T) {
	dir := writeSecret(t, map[string]string{
		"bootstrap.servers": "kafka-kafka-bootstrap.kafka.svc:9093, other:9093\n",
		"username":          "payments.checkout",
		"password":          "s3cret\n",
		"sasl.mechanism":    "SCRAM-SHA-512",
		"security.protocol": "SASL_SSL",
		"ca.crt":            testCA,
	})
	cfg, err := LoadConfig(dir, envOf(map[string]string{"TOPIC": "payments.orders", "GROUP": "payments.checkout", "MAX_MESSAGES": "5", "IDLE_TIMEOUT": "20s"}))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(cfg.Brokers, "|") != "kafka-kafka-bootstrap.kafka.svc:9093|other:9093" {
		t.Errorf("brokers = %v", cfg.Brokers)
	}
	if cfg.Username != "payments.checkout" || cfg.Password != "s3cret" {
		t.Errorf("credentials = %q/%q (trailing newline must be trimmed)", cfg.Username, cfg.Password)
	}
	if cfg.SecurityProtocol != "SASL_SSL" || string(cfg.CaCertPEM) != strings.TrimSpace(testCA) {
		t.Errorf("tls = %q, ca = %q", cfg.SecurityProtocol, cfg.CaCertPEM)
	}
	if cfg.Topic != "payments.orders" || cfg.Group != "payments.checkout" || cfg.MaxMessages != 5 || cfg.IdleTimeout != 20*time.Second {
		t.Errorf("topic/group/limits = %+v", cfg)
	}
}

func TestEnvironmentOverridesSecretFiles(t *testing.T) {
	dir := writeSecret(t, map[string]string{
		"bootstrap.servers": "in-cluster:9093",
		"username":          "payments.checkout",
		"password":          "from-file",
		"security.protocol": "SASL_SSL",
		"ca.crt":            testCA,
	})
	cfg, err := LoadConfig(dir, envOf(map[string]string{
		"KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092",
		"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
		"KAFKA_PASSWORD":          "from-env",
		"TOPIC":                   "t",
		"GROUP":                   "g",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Brokers[0] != "127.0.0.1:9092" || cfg.SecurityProtocol != "SASL_PLAINTEXT" || cfg.Password != "from-env" || cfg.Username != "payments.checkout" {
		t.Errorf("overrides not applied: %+v", cfg)
	}
}

func TestCredentialsFromJaasConfigAlone(t *testing.T) {
	dir := writeSecret(t, map[string]string{
		"bootstrap.servers": "b:9092",
		"security.protocol": "SASL_PLAINTEXT",
		"sasl.jaas.config":  `org.apache.kafka.common.security.scram.ScramLoginModule required username="team.app" password="p\"w";`,
	})
	cfg, err := LoadConfig(dir, envOf(map[string]string{"TOPIC": "t", "GROUP": "g"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Username != "team.app" || cfg.Password != `p"w` {
		t.Errorf("from JAAS: %q/%q", cfg.Username, cfg.Password)
	}
	if cfg.SaslMechanism != "SCRAM-SHA-512" {
		t.Errorf("default mechanism = %q", cfg.SaslMechanism)
	}
}

func TestIncompleteConfigurationNamesEveryProblem(t *testing.T) {
	dir := writeSecret(t, map[string]string{
		"bootstrap.servers": "b:9093",
		"sasl.mechanism":    "PLAIN",
	})
	_, err := LoadConfig(dir, envOf(map[string]string{"MAX_MESSAGES": "many"}))
	if err == nil {
		t.Fatal("expected an error")
	}
	for _, want := range []string{
		"username is missing", "password is missing", `"PLAIN" is not supported`,
		"ca.crt is missing", "(required with SASL_SSL)", "KAFKA_CA_CRT unset",
		"TOPIC is not set", "GROUP is not set", `MAX_MESSAGES: "many"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestSaslSslBuildsTlsOptionOnlyWithValidCA(t *testing.T) {
	cfg := Config{Brokers: []string{"b:9093"}, Username: "u", Password: "p", SaslMechanism: "SCRAM-SHA-512",
		SecurityProtocol: "SASL_SSL", CaCertPEM: []byte("not a certificate"), Topic: "t", Group: "g"}
	if _, err := clientOptions(cfg); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Errorf("invalid CA accepted: %v", err)
	}
	cfg.SecurityProtocol = "SASL_PLAINTEXT"
	if _, err := clientOptions(cfg); err != nil {
		t.Errorf("plaintext options: %v", err)
	}
}
