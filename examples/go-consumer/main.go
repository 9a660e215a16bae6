// Command go-consumer reads a topic as a member of a consumer group, with the SCRAM-SHA-512
// credentials (and, over SASL_SSL, the cluster CA) that the platform puts in an application's
// credentials Secret. Each record is printed to stdout as one JSON line; logs go to stderr.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// printedRecord is the stdout line for one record.
type printedRecord struct {
	Topic     string `json:"topic"`
	Partition int32  `json:"partition"`
	Offset    int64  `json:"offset"`
	Key       string `json:"key"`
	Value     string `json:"value"`
}

func main() {
	log.SetFlags(log.LstdFlags | log.LUTC)
	log.SetOutput(os.Stderr)
	cfg, err := LoadConfig(os.Getenv("KAFKA_CREDENTIALS_DIR"), os.Getenv)
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg); err != nil {
		log.Fatal(err)
	}
}

// clientOptions turns the configuration into franz-go options.
func clientOptions(cfg Config) ([]kgo.Opt, error) {
	opts := []kgo.Opt{
		kgo.SeedBrokers(cfg.Brokers...),
		kgo.SASL(scram.Auth{User: cfg.Username, Pass: cfg.Password}.AsSha512Mechanism()),
		kgo.ConsumerGroup(cfg.Group),
		kgo.ConsumeTopics(cfg.Topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		// Commit only what was printed (at-least-once), not on a timer.
		kgo.DisableAutoCommit(),
	}
	if cfg.SecurityProtocol == "SASL_SSL" {
		roots := x509.NewCertPool()
		if !roots.AppendCertsFromPEM(cfg.CaCertPEM) {
			return nil, errors.New("ca.crt holds no PEM certificate")
		}
		// franz-go sets ServerName from the broker host it dials.
		opts = append(opts, kgo.DialTLSConfig(&tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}))
	}
	return opts, nil
}

func run(ctx context.Context, cfg Config) error {
	opts, err := clientOptions(cfg)
	if err != nil {
		return err
	}
	client, err := kgo.NewClient(opts...)
	if err != nil {
		return err
	}
	// Close leaves the group so that a restart rebalances at once.
	defer client.Close()
	if err := client.Ping(ctx); err != nil {
		return fmt.Errorf("connecting to %v: %w", cfg.Brokers, err)
	}
	log.Printf("consuming %s as %s in group %s", cfg.Topic, cfg.Username, cfg.Group)

	out := json.NewEncoder(os.Stdout)
	consumed := 0
	lastRecord := time.Now()
	for {
		pollCtx := ctx
		cancel := context.CancelFunc(func() {})
		if cfg.IdleTimeout > 0 {
			pollCtx, cancel = context.WithDeadline(ctx, lastRecord.Add(cfg.IdleTimeout))
		}
		fetches := client.PollFetches(pollCtx)
		cancel()
		if ctx.Err() != nil {
			log.Printf("stopping after %d records: %v", consumed, ctx.Err())
			return nil
		}
		if fetches.IsClientClosed() {
			return nil
		}
		var fatal error
		fetches.EachError(func(topic string, partition int32, err error) {
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				return
			}
			// Authorization and unknown-topic errors do not heal by retrying.
			fatal = fmt.Errorf("fetching %s[%d]: %w", topic, partition, err)
		})
		if fatal != nil {
			return fatal
		}

		records := fetches.Records()
		for _, r := range records {
			if err := out.Encode(printedRecord{r.Topic, r.Partition, r.Offset, string(r.Key), string(r.Value)}); err != nil {
				return err
			}
		}
		if len(records) > 0 {
			lastRecord = time.Now()
			consumed += len(records)
			if err := client.CommitRecords(ctx, records...); err != nil {
				return fmt.Errorf("committing offsets: %w", err)
			}
		}
		if cfg.MaxMessages > 0 && consumed >= cfg.MaxMessages {
			log.Printf("consumed %d records, done", consumed)
			return nil
		}
		if cfg.IdleTimeout > 0 && time.Since(lastRecord) >= cfg.IdleTimeout {
			log.Printf("no record for %s, stopping after %d records", cfg.IdleTimeout, consumed)
			return nil
		}
	}
}
