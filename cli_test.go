package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestRunRefusesUnknownWords checks that a word that is not a command, or a
// stray word after the flags, is refused with the list of commands instead
// of starting the kit (which would block this test on a listening server).
func TestRunRefusesUnknownWords(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"expor", "-h"}, `"expor" is not a command`},
		{[]string{"serve"}, `"serve" is not a command`},
		{[]string{"-no-open", "extra"}, `"extra" is not a flag`},
		{[]string{"help", "nope"}, `"nope" is not a command`},
		{[]string{"help", "serve"}, `"serve" is not a command`},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), tt.want) || !strings.Contains(stderr.String(), "roundtable check FILE") {
			t.Errorf("run(%q) = %d, stderr %q; want 2 with %q and the command list", tt.args, code, stderr.String(), tt.want)
		}
		if stdout.Len() != 0 {
			t.Errorf("run(%q) wrote %q to stdout; a refusal goes to stderr", tt.args, stdout.String())
		}
	}
}

func TestRunHelp(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"help"}, "roundtable import FILE"},
		{[]string{"help", "check"}, "Usage: roundtable check FILE..."},
		{[]string{"help", "import"}, "Usage: roundtable import [-lang es]"},
		{[]string{"help", "healthcheck"}, "Usage: roundtable healthcheck"},
		{[]string{"help", "backup"}, "Usage: roundtable backup"},
		{[]string{"check", "-h"}, "Usage: roundtable check FILE..."},
		{[]string{"-h"}, "-public-url"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != 0 || !strings.Contains(stdout.String()+stderr.String(), tt.want) {
			t.Errorf("run(%q) = %d, output %q; want 0 with %q", tt.args, code, stdout.String()+stderr.String(), tt.want)
		}
	}
}
