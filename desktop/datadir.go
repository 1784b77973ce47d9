// Package desktop holds what Roundtable needs from the laptop's desktop:
// where per-user data lives and how to open the presenter page in a browser.
package desktop

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// DataDir is the OS's per-user data folder for Roundtable; the caller
// creates it (0o700: it holds session results). Linux and the BSDs follow
// the XDG base directory spec, which ignores a relative $XDG_DATA_HOME.
func DataDir() (string, error) {
	return dataDir(runtime.GOOS, os.Getenv)
}

func dataDir(goos string, getenv func(string) string) (string, error) {
	switch goos {
	case "windows":
		if dir := getenv("LocalAppData"); dir != "" {
			return filepath.Join(dir, "Roundtable"), nil
		}
		return "", errors.New("desktop: %LocalAppData% is not set")
	case "darwin":
		home, err := homeDir(getenv)
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support", "Roundtable"), nil
	default:
		if dir := getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
			return filepath.Join(dir, "roundtable"), nil
		}
		home, err := homeDir(getenv)
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "share", "roundtable"), nil
	}
}

// homeDir is os.UserHomeDir for Unix, reading the environment through getenv
// so tests can supply it.
func homeDir(getenv func(string) string) (string, error) {
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("desktop: $HOME is not set")
	}
	return home, nil
}
