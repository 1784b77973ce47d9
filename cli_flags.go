package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// command makes the flag set of `roundtable NAME`. On -h, or a flag it
// does not know, it prints usage (a synopsis and a paragraph, ending in a
// blank line) and then its flags to stderr.
func command(name, usage string, stderr io.Writer) *flag.FlagSet {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprint(stderr, usage)
		fl.PrintDefaults()
	}
	return fl
}

// dataFlag is the -data flag the commands that open the database share.
func dataFlag(fl *flag.FlagSet) *string {
	return fl.String("data", "", "the kit's data folder (default: the per-user data folder)")
}

// parseArgs reads args, with the flags before or after the other
// arguments, and answers those others. When the command should stop, stop
// is true and code its exit code: 0 after -h, 2 for a usage error (a flag
// it does not know, or a number of other arguments that n refuses, after
// which it prints the usage).
func parseArgs(fl *flag.FlagSet, args []string, n func(int) bool) (rest []string, code int, stop bool) {
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, 0, true
			}
			return nil, 2, true
		}
		if fl.NArg() == 0 {
			break
		}
		rest = append(rest, fl.Arg(0))
		args = fl.Args()[1:]
	}
	if !n(len(rest)) {
		fl.Usage()
		return nil, 2, true
	}
	return rest, 0, false
}

// Counts of arguments a command takes, for parseArgs.
func none(n int) bool     { return n == 0 }
func one(n int) bool      { return n == 1 }
func atLeast1(n int) bool { return n >= 1 }
