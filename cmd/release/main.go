// Command release builds the kit for teachers' machines: one archive per
// target (the binary, README.md and LICENSE) and a SHA-256 checksums file.
//
//	go run ./cmd/release                    # all six targets into dist/
//	go run ./cmd/release -targets linux/amd64 -out /tmp/dist
//
// Builds are pure Go (CGO_ENABLED=0), trimmed and stripped, stamped with the
// version and commit from git, and reproducible: the source is exported from
// the commit (so an untracked deck or file in the checkout cannot ship),
// archive entries carry the commit's time, fixed owners and modes, and the
// build ignores GOAMD64, GOARM64, GOEXPERIMENT and GOFLAGS, so two builds of
// one commit with one Go toolchain give the same bytes. SHA256SUMS lists
// the archives of that run.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Targets are the platforms a school has: Windows and macOS laptops on
// either architecture, Linux PCs and Raspberry Pis.
var Targets = []string{"windows/amd64", "windows/arm64", "darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm64"}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("release", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("out", "dist", "where the archives and SHA256SUMS go")
	targets := fl.String("targets", strings.Join(Targets, ","), "comma-separated GOOS/GOARCH list")
	version := fl.String("version", "", "the version to stamp (default: git describe)")
	noArchive := fl.Bool("build-only", false, "build the binaries only (CI's cross-compile check), no archives")
	ref := fl.String("ref", "HEAD", "the commit to build")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	src, err := sourceInfo(*version, *ref)
	if err != nil {
		fmt.Fprintln(stderr, "release:", err)
		return 1
	}
	if src.dirty {
		fmt.Fprintf(stderr, "release: building commit %s; uncommitted changes in the checkout are not in it\n", src.commit)
	}
	defer os.RemoveAll(src.root)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(stderr, "release:", err)
		return 1
	}
	var sums []string
	for _, t := range strings.Split(*targets, ",") {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(t), "/")
		if !ok || goos == "" || goarch == "" {
			fmt.Fprintf(stderr, "release: %q is not GOOS/GOARCH\n", t)
			return 2
		}
		bin, err := build(src, goos, goarch)
		if err != nil {
			fmt.Fprintf(stderr, "release: %s/%s: %v\n", goos, goarch, err)
			return 1
		}
		if *noArchive {
			fmt.Fprintf(stdout, "built %s/%s: %d bytes\n", goos, goarch, len(bin))
			continue
		}
		name, data, err := archive(src, goos, goarch, bin)
		if err != nil {
			fmt.Fprintf(stderr, "release: %s/%s: %v\n", goos, goarch, err)
			return 1
		}
		if err := os.WriteFile(filepath.Join(*out, name), data, 0o644); err != nil {
			fmt.Fprintln(stderr, "release:", err)
			return 1
		}
		sum := sha256.Sum256(data)
		sums = append(sums, hex.EncodeToString(sum[:])+"  "+name)
		fmt.Fprintf(stdout, "%-44s %6.1f MB\n", name, float64(len(data))/1e6)
	}
	if *noArchive {
		return 0
	}
	if err := os.WriteFile(filepath.Join(*out, "SHA256SUMS"), []byte(strings.Join(sums, "\n")+"\n"), 0o644); err != nil {
		fmt.Fprintln(stderr, "release:", err)
		return 1
	}
	fmt.Fprintf(stdout, "SHA256SUMS written to %s (version %s, commit %s)\n", *out, src.version, src.commit)
	return 0
}

// source is what a build is stamped with.
type source struct {
	root    string // a temporary export of the commit
	dirty   bool   // the checkout has changes the commit lacks
	version string
	commit  string
	time    time.Time // the commit's time: every archive entry's time
}

func sourceInfo(version, ref string) (source, error) {
	if _, err := git("rev-parse", "--show-toplevel"); err != nil {
		return source{}, fmt.Errorf("not in a git checkout: %w", err)
	}
	s := source{version: version}
	var err error
	if s.commit, err = git("rev-parse", "--short=12", ref+"^{commit}"); err != nil {
		return source{}, err
	}
	if st, _ := git("status", "--porcelain"); st != "" {
		s.dirty = true
	}
	if s.version == "" {
		if s.version, err = git("describe", "--tags", "--always", ref); err != nil {
			return source{}, err
		}
	}
	if s.root, err = export(s.commit); err != nil {
		return source{}, err
	}
	ct, err := git("log", "-1", "--format=%ct", ref)
	if err != nil {
		return source{}, err
	}
	sec, err := strconv.ParseInt(ct, 10, 64)
	if err != nil {
		return source{}, fmt.Errorf("commit time %q: %w", ct, err)
	}
	s.time = time.Unix(sec, 0).UTC()
	return s, nil
}

// export writes commit's tree to a temporary folder, which the caller
// removes.
func export(commit string) (string, error) {
	dir, err := os.MkdirTemp("", "roundtable-src-")
	if err != nil {
		return "", err
	}
	top, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	archive := exec.Command("git", "archive", "--format=tar", commit)
	archive.Dir = top
	untar := exec.Command("tar", "-x", "-C", dir)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	untar.Stdin = pipe
	if err := untar.Start(); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("tar: %w", err)
	}
	if err := archive.Run(); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("git archive: %w", err)
	}
	if err := untar.Wait(); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("tar: %w", err)
	}
	return dir, nil
}

func git(args ...string) (string, error) {
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}

// build compiles the kit for one target and returns the binary.
func build(s source, goos, goarch string) ([]byte, error) {
	dir, err := os.MkdirTemp("", "roundtable-release-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "roundtable")
	ldflags := fmt.Sprintf("-s -w -buildid= -X main.version=%s -X main.commit=%s", s.version, s.commit)
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags", ldflags, "-o", bin, ".")
	cmd.Dir = s.root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch,
		"GOFLAGS=", "GOAMD64=", "GOARM64=", "GOEXPERIMENT=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go build: %v\n%s", err, stderr.String())
	}
	return os.ReadFile(bin)
}

// file is one archive entry.
type file struct {
	name string
	mode int64
	data []byte
}

// archive packs the binary with the README and licence: a .zip for
// Windows (Explorer opens it), a .tar.gz elsewhere (keeps the exec bit).
func archive(s source, goos, goarch string, bin []byte) (string, []byte, error) {
	exe := "roundtable"
	if goos == "windows" {
		exe += ".exe"
	}
	files := []file{{exe, 0o755, bin}}
	for _, doc := range []string{"README.md", "LICENSE"} {
		b, err := os.ReadFile(filepath.Join(s.root, doc))
		if err != nil {
			return "", nil, err
		}
		files = append(files, file{doc, 0o644, b})
	}
	base := fmt.Sprintf("roundtable_%s_%s_%s", s.version, goos, goarch)
	var buf bytes.Buffer
	var err error
	if goos == "windows" {
		err = writeZip(&buf, base, files, s.time)
		return base + ".zip", buf.Bytes(), err
	}
	err = writeTarGz(&buf, base, files, s.time)
	return base + ".tar.gz", buf.Bytes(), err
}

func writeZip(w io.Writer, dir string, files []file, mtime time.Time) error {
	zw := zip.NewWriter(w)
	for _, f := range files {
		h := &zip.FileHeader{Name: dir + "/" + f.name, Method: zip.Deflate, Modified: mtime}
		h.SetMode(os.FileMode(f.mode))
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func writeTarGz(w io.Writer, dir string, files []file, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	gz.ModTime = mtime // the gzip header's time, so it too is the commit's
	tw := tar.NewWriter(gz)
	for _, f := range files {
		h := &tar.Header{Name: dir + "/" + f.name, Mode: f.mode, Size: int64(len(f.data)), ModTime: mtime,
			Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(f.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}
