package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"testing"
)

// TestDockerfile checks that the image's entry point and health check are
// commands this binary accepts (so the image cannot ship a typo), and builds
// the image where a Docker daemon answers.
func TestDockerfile(t *testing.T) {
	src, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	argv := func(instr string) []string {
		m := regexp.MustCompile(`(?m)^` + instr + `\s.*?(\[.*\])\s*$`).FindSubmatch(src)
		if m == nil {
			t.Fatalf("the Dockerfile has no %s [...] line", instr)
		}
		var a []string
		if err := json.Unmarshal(m[1], &a); err != nil || len(a) < 2 || a[0] != "/roundtable" {
			t.Fatalf("%s %s: want a JSON list starting with /roundtable", instr, m[1])
		}
		return a[1:]
	}
	var out, errb bytes.Buffer
	if code := run(append(argv("ENTRYPOINT"), "-version"), &out, &errb); code != 0 {
		t.Errorf("the ENTRYPOINT's flags are refused: %d %s", code, errb.String())
	}
	if code := run(append(argv("HEALTHCHECK"), "-h"), &out, &errb); code != 0 {
		t.Errorf("the HEALTHCHECK command is refused: %d %s", code, errb.String())
	}

	if testing.Short() {
		t.Skip("-short: docker build not tried")
	}
	if _, err := exec.LookPath("docker"); err != nil {
		t.Skip("no docker client here: docker build not tried")
	}
	if err := exec.Command("docker", "info").Run(); err != nil {
		t.Skip("no Docker daemon answers here: docker build not tried")
	}
	build := exec.Command("docker", "build", "-q", "-t", "roundtable-test", ".")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("docker build: %v\n%s", err, b)
	}
}
