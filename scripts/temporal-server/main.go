// A Temporal Server for running the product as a cluster without Docker: the server of the
// go.temporal.io/server module (the version the Temporal CLI embeds), started with one config
// file. scripts/temporal-cluster.mjs writes that file (PostgreSQL, advanced visibility on
// PostgreSQL) and builds this package and the module's SQL schema tool.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "time/tzdata" // deadlines are in Europe/Amsterdam; a bare machine may lack tzdata

	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/headers"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
	_ "go.temporal.io/server/common/persistence/sql/sqlplugin/postgresql" // the postgres12 plugin
	"go.temporal.io/server/temporal"
)

func main() {
	configFile := flag.String("config", "", "the server's config file (YAML)")
	version := flag.Bool("version", false, "print the server version and exit")
	flag.Parse()
	if *version {
		fmt.Println(headers.ServerVersion)
		return
	}
	if *configFile == "" {
		fail("give --config <file>")
	}
	if err := run(*configFile); err != nil {
		fail(err.Error())
	}
}

func run(configFile string) error {
	// The loader reads <dir>/<env>.yaml; one named file is clearer for the caller.
	dir, name := filepath.Split(configFile)
	cfg, err := config.LoadConfig(strings.TrimSuffix(name, filepath.Ext(name)), dir, "")
	if err != nil {
		return fmt.Errorf("unable to load %s: %w", configFile, err)
	}
	logger := log.NewZapLogger(log.BuildZapLogger(cfg.Log))
	logger.Info("Starting Temporal Server.", tag.NewStringTag("server-version", headers.ServerVersion))

	var dynamicConfig dynamicconfig.Client = dynamicconfig.NewNoopClient()
	if cfg.DynamicConfigClient != nil {
		dynamicConfig, err = dynamicconfig.NewFileBasedClient(cfg.DynamicConfigClient, logger, temporal.InterruptCh())
		if err != nil {
			return fmt.Errorf("unable to read the dynamic config: %w", err)
		}
	}
	server, err := temporal.NewServer(
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithConfig(cfg),
		temporal.WithDynamicConfigClient(dynamicConfig),
		temporal.WithLogger(logger),
		temporal.InterruptOn(temporal.InterruptCh()),
	)
	if err != nil {
		return fmt.Errorf("unable to create the server: %w", err)
	}
	if err := server.Start(); err != nil {
		return fmt.Errorf("unable to start the server: %w", err)
	}
	return nil
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "temporal-server:", message)
	os.Exit(1)
}
