package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Keys of the credentials Secret that the platform's team component writes for each application.
// Mounted as a volume, every key is a file of that name in KAFKA_CREDENTIALS_DIR.
const (
	keyBootstrapServers = "bootstrap.servers"
	keyUsername         = "username"
	keyPassword         = "password"
	keySaslMechanism    = "sasl.mechanism"
	keySecurityProtocol = "security.protocol"
	keySaslJaasConfig   = "sasl.jaas.config"
	keyCaCert           = "ca.crt"
)

var secretKeys = []string{
	keyBootstrapServers, keyUsername, keyPassword, keySaslMechanism, keySecurityProtocol, keySaslJaasConfig, keyCaCert,
}

// Config is everything the consumer needs, resolved from the Secret files and the environment.
type Config struct {
	Brokers          []string
	Username         string
	Password         string
	SaslMechanism    string // only SCRAM-SHA-512 is issued by the platform
	SecurityProtocol string // SASL_SSL in the cluster, SASL_PLAINTEXT for a local test broker
	CaCertPEM        []byte // required with SASL_SSL
	Topic            string
	Group            string
	MaxMessages      int           // stop after this many records (0: run until signalled)
	IdleTimeout      time.Duration // stop when nothing arrived for this long (0: never)
}

// EnvOverride is the environment variable that overrides a Secret key: KAFKA_ + the key upper-cased
// with dots as underscores, e.g. bootstrap.servers -> KAFKA_BOOTSTRAP_SERVERS, ca.crt -> KAFKA_CA_CRT.
func EnvOverride(key string) string {
	return "KAFKA_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// LoadConfig reads the Secret keys from dir (may be empty), lets environment variables override
// each one, and checks that the result is complete. getenv is os.Getenv outside tests.
func LoadConfig(dir string, getenv func(string) string) (Config, error) {
	values := map[string]string{}
	for _, key := range secretKeys {
		if dir != "" {
			data, err := os.ReadFile(filepath.Join(dir, key))
			if err == nil {
				values[key] = strings.TrimSpace(string(data))
			} else if !errors.Is(err, os.ErrNotExist) {
				return Config{}, fmt.Errorf("reading %s: %w", filepath.Join(dir, key), err)
			}
		}
		if v := getenv(EnvOverride(key)); v != "" {
			values[key] = v
		}
	}

	// Older Secrets or hand-written ones may carry only the JAAS line.
	if values[keyUsername] == "" || values[keyPassword] == "" {
		user, pass := parseJaas(values[keySaslJaasConfig])
		if values[keyUsername] == "" {
			values[keyUsername] = user
		}
		if values[keyPassword] == "" {
			values[keyPassword] = pass
		}
	}

	cfg := Config{
		Username:         values[keyUsername],
		Password:         values[keyPassword],
		SaslMechanism:    defaultString(values[keySaslMechanism], "SCRAM-SHA-512"),
		SecurityProtocol: defaultString(values[keySecurityProtocol], "SASL_SSL"),
		Topic:            getenv("TOPIC"),
		Group:            getenv("GROUP"),
	}
	if values[keyCaCert] != "" {
		cfg.CaCertPEM = []byte(values[keyCaCert])
	}
	for _, b := range strings.Split(values[keyBootstrapServers], ",") {
		if b = strings.TrimSpace(b); b != "" {
			cfg.Brokers = append(cfg.Brokers, b)
		}
	}

	var problems []string
	if len(cfg.Brokers) == 0 {
		problems = append(problems, missing(dir, keyBootstrapServers))
	}
	if cfg.Username == "" {
		problems = append(problems, missing(dir, keyUsername))
	}
	if cfg.Password == "" {
		problems = append(problems, missing(dir, keyPassword))
	}
	if cfg.SaslMechanism != "SCRAM-SHA-512" {
		problems = append(problems, fmt.Sprintf("%s: %q is not supported (only SCRAM-SHA-512)", keySaslMechanism, cfg.SaslMechanism))
	}
	switch cfg.SecurityProtocol {
	case "SASL_SSL":
		if cfg.CaCertPEM == nil {
			problems = append(problems, missing(dir, keyCaCert)+" (required with SASL_SSL)")
		}
	case "SASL_PLAINTEXT":
	default:
		problems = append(problems, fmt.Sprintf("%s: %q is not supported (SASL_SSL or SASL_PLAINTEXT)", keySecurityProtocol, cfg.SecurityProtocol))
	}
	if cfg.Topic == "" {
		problems = append(problems, "TOPIC is not set")
	}
	if cfg.Group == "" {
		problems = append(problems, "GROUP is not set")
	}

	var err error
	if cfg.MaxMessages, err = intFromEnv(getenv, "MAX_MESSAGES"); err != nil {
		problems = append(problems, err.Error())
	}
	if cfg.IdleTimeout, err = durationFromEnv(getenv, "IDLE_TIMEOUT"); err != nil {
		problems = append(problems, err.Error())
	}

	if len(problems) > 0 {
		return Config{}, errors.New("invalid configuration:\n  " + strings.Join(problems, "\n  "))
	}
	return cfg, nil
}

var jaasOption = regexp.MustCompile(`(username|password)\s*=\s*"((?:[^"\\]|\\.)*)"`)

// parseJaas extracts username and password from a ScramLoginModule JAAS line.
func parseJaas(jaas string) (user, pass string) {
	for _, m := range jaasOption.FindAllStringSubmatch(jaas, -1) {
		value := strings.ReplaceAll(strings.ReplaceAll(m[2], `\"`, `"`), `\\`, `\`)
		if m[1] == "username" {
			user = value
		} else {
			pass = value
		}
	}
	return user, pass
}

func missing(dir, key string) string {
	if dir == "" {
		return fmt.Sprintf("%s is missing (set KAFKA_CREDENTIALS_DIR or %s)", key, EnvOverride(key))
	}
	return fmt.Sprintf("%s is missing (no file %s and %s unset)", key, filepath.Join(dir, key), EnvOverride(key))
}

func defaultString(v, fallback string) string {
	if v == "" {
		return fallback
	}
	return v
}

func intFromEnv(getenv func(string) string, name string) (int, error) {
	raw := getenv(name)
	if raw == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s: %q is not a non-negative integer", name, raw)
	}
	return n, nil
}

func durationFromEnv(getenv func(string) string, name string) (time.Duration, error) {
	raw := getenv(name)
	if raw == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%s: %q is not a duration such as 30s", name, raw)
	}
	return d, nil
}
