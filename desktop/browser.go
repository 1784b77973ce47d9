package desktop

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// CanOpenBrowser reports whether OpenBrowser has a chance to work: on Linux
// and the BSDs it needs a graphical session and xdg-open (a server over SSH
// has neither, and should only print the URL).
func CanOpenBrowser() bool {
	return canOpenBrowser(runtime.GOOS, os.Getenv, exec.LookPath)
}

func canOpenBrowser(goos string, getenv func(string) string, lookPath func(string) (string, error)) bool {
	switch goos {
	case "darwin", "windows":
		return true
	}
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return false
	}
	_, err := lookPath("xdg-open")
	return err == nil
}

// OpenBrowser opens url in the default browser and returns once the opener
// has started; it does not wait for the browser, and discards the opener's
// output. No shell is involved, so the URL needs no quoting.
func OpenBrowser(url string) error {
	name, args, err := browserCommand(runtime.GOOS, url)
	if err != nil {
		return err
	}
	cmd := exec.Command(name, args...) // nil Stdout and Stderr go to the null device
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap the opener so it does not linger as a zombie
	return nil
}

func browserCommand(goos, url string) (string, []string, error) {
	// Only web URLs: anything else could be a file for the opener to run, or
	// start with "-" and be read as an option.
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		return "", nil, errors.New("desktop: not an http(s) URL: " + url)
	}
	switch goos {
	case "darwin":
		return "open", []string{url}, nil
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}, nil
	default:
		return "xdg-open", []string{url}, nil
	}
}
