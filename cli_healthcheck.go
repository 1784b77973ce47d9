package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// runHealthcheck is `roundtable healthcheck [-url URL]`: exit 0 when the kit
// at URL answers /healthz with status ok, 1 otherwise. Container images
// without curl use it as their health check.
func runHealthcheck(args []string, stdout, stderr io.Writer) int {
	fl := command("healthcheck", "Usage: roundtable healthcheck [-url URL]\n\n"+
		"Asks a running kit whether it is healthy (its /healthz): exit 0 when it is,\n"+
		"1 when it is unreachable or its storage is failing.\n\n", stderr)
	base := fl.String("url", "http://127.0.0.1:8080", "the kit's address")
	timeout := fl.Duration("timeout", 3*time.Second, "how long to wait for an answer")
	_, code, stop := parseArgs(fl, args, none)
	if stop {
		return code
	}
	hc := &http.Client{Timeout: *timeout}
	resp, err := hc.Get(strings.TrimRight(*base, "/") + "/healthz")
	if err != nil {
		fmt.Fprintln(stderr, "roundtable healthcheck: unreachable:", err)
		return 1
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "roundtable healthcheck: %s/healthz answered %s\n", *base, resp.Status)
		return 1
	}
	var h struct{ Status, Version string }
	if err := json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&h); err != nil || h.Status == "" {
		fmt.Fprintf(stderr, "roundtable healthcheck: %s/healthz did not answer as Roundtable does; is this the kit's address?\n", *base)
		return 1
	}
	if h.Status != "ok" {
		fmt.Fprintf(stderr, "roundtable healthcheck: %s\n", h.Status)
		return 1
	}
	fmt.Fprintf(stdout, "ok %s\n", h.Version)
	return 0
}
