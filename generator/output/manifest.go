package output

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// StateDir is the folder in the site that keeps what between remembers between builds: the
// manifest of each output folder. It is outside every output, so it is never published.
const StateDir = ".between"

// Legacy is the manifest's name in earlier versions, inside the output folder itself (and
// so published with it). A build reads it once and removes it.
const Legacy = ".between-manifest"

const manifestHeader = "# Files between wrote into an output folder; the next build removes only these.\n" +
	"# The first quoted line names the folder; every other line is one file, quoted as in Go.\n"

// manifestPath returns where the manifest of the output folder out lives and the key its
// first line holds. An output inside the site is known by its path from the site, so that
// moving the whole site folder keeps its manifest; any other by its real path.
func manifestPath(site, out string) (file, key string) {
	key = "path:" + filepath.ToSlash(out)
	if rel, err := filepath.Rel(site, out); err == nil && within(site, out) {
		key = "site:" + filepath.ToSlash(rel)
	}
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(site, StateDir, "manifest-"+hex.EncodeToString(sum[:8])+".txt"), key
}

// encodeManifest writes key and names, one quoted string a line, so that any byte in a name
// (a space at its end, a line break) comes back exactly.
func encodeManifest(key string, names []string) []byte {
	// Sized once, each name quoted in place: a string per name, and the buffer growing,
	// were most of the time the 100,000-page build took to move its files into place.
	size := len(manifestHeader) + len(key) + 3
	for _, n := range names {
		size += len(n) + 3
	}
	b := make([]byte, 0, size+size/16)
	b = append(b, manifestHeader...)
	b = strconv.AppendQuote(b, key)
	b = append(b, '\n')
	for _, n := range names {
		b = strconv.AppendQuote(b, n)
		b = append(b, '\n')
	}
	return b
}

// decodeManifest reads what encodeManifest wrote. Lines that do not unquote, and names that
// are not a clean path inside the folder, are dropped: a damaged manifest makes a build
// leave files behind, never remove the wrong ones. ok is false when the manifest is for
// another folder than key.
func decodeManifest(data []byte, key string) (names []string, ok bool) {
	first := true
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		s, err := strconv.Unquote(line)
		if err != nil {
			continue
		}
		if first {
			if s != key {
				return nil, false
			}
			first = false
			continue
		}
		if CheckName(s) == nil {
			names = append(names, s)
		}
	}
	return names, !first
}

// CheckName says why name cannot be a file of the output, or nil: it must be a clean slash
// path inside the folder (no "..", no leading "/", no empty or "." part), each part at most
// NameMax bytes, holding no NUL and not named like between's own files at the top.
func CheckName(name string) error {
	if !fs.ValidPath(name) || name == "." || strings.ContainsRune(name, 0) {
		return fmt.Errorf("%q is not a path inside the output folder", name)
	}
	for part := range strings.SplitSeq(name, "/") {
		if len(part) > NameMax {
			return fmt.Errorf("%q has a part %d bytes long; file names may be at most %d", name, len(part), NameMax)
		}
	}
	top, _, _ := strings.Cut(name, "/")
	if top == Legacy || strings.HasPrefix(top, stagePrefix) {
		return fmt.Errorf("%q is a name between keeps for itself", name)
	}
	return nil
}

// NameMax is the longest file or folder name, in bytes, that common filesystems take (ext4,
// APFS, NTFS in UTF-16 units, which UTF-8 bytes never undercount).
const NameMax = 255

// PathMax is the longest whole path, in bytes, that Linux takes (PATH_MAX less its NUL).
const PathMax = 4095

// readManifests reads what earlier builds wrote into the folder, and refuses a non-empty
// folder that none wrote unless force is set.
func (d *Dir) readManifests(force bool) error {
	var names []string
	found := false
	if data, err := os.ReadFile(d.manifest); err == nil {
		names, found = decodeManifest(data, d.key)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("reading %s: %w", d.manifest, err)
	}
	legacy, lfound := d.readLegacy()
	d.legacy = lfound
	if !found && !lfound && !force {
		empty, err := d.empty()
		if err != nil {
			return fmt.Errorf("the output folder %s: %w", d.given, err)
		}
		if !empty {
			return fmt.Errorf("the output folder %s holds files that no build of this site wrote; between could replace them. "+
				"Give a new or empty folder with -d, or add --force to build into it anyway (your files stay, unless the site has a file of the same name)", d.given)
		}
	}
	seen := map[string]bool{}
	for _, n := range append(names, legacy...) {
		if !seen[n] {
			seen[n] = true
			d.old = append(d.old, n)
		}
	}
	return nil
}

// readLegacy reads an earlier version's manifest inside the folder. That format wrote one
// name a line without escaping, so a name holding a line break reads as two names, the
// second of which may be a file of the user's ("x\nCNAME"). Such a name leaves a file or
// folder with a line break in its name in the folder where its first line points; when
// any is found there, the list is not trusted for removing anything.
func (d *Dir) readLegacy() (names []string, found bool) {
	fi, err := d.root.Lstat(Legacy)
	if err != nil || !fi.Mode().IsRegular() {
		return nil, false
	}
	data, err := d.root.ReadFile(Legacy)
	if err != nil {
		return nil, false
	}
	dirs := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		dirs[path.Dir(line)] = true
		if CheckName(line) == nil {
			names = append(names, line)
		}
	}
	for dir := range dirs {
		if CheckName(dir) != nil && dir != "." {
			continue
		}
		if d.hasBrokenName(dir) {
			return nil, true
		}
	}
	return names, true
}

// hasBrokenName reports whether the folder dir of the output holds a name with a line break.
func (d *Dir) hasBrokenName(dir string) bool {
	if !d.plainFolder(dir) {
		return false
	}
	f, err := d.root.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	names, _ := f.Readdirnames(-1)
	for _, n := range names {
		if strings.ContainsAny(n, "\n\r") {
			return true
		}
	}
	return false
}

// writeManifest records names as what the folder holds from between, in one step.
func (d *Dir) writeManifest(names []string) error {
	if err := os.MkdirAll(filepath.Dir(d.manifest), 0o755); err != nil {
		return err
	}
	tmp := d.manifest + ".tmp"
	if err := os.WriteFile(tmp, encodeManifest(d.key, names), 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, d.manifest); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
