// Package config loads a site's config.toml.
//
// The file is small and coaches edit it by hand, so a mistake in it is always an error (an
// unknown key would otherwise be silently ignored) with the line and a "did you mean".
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/between-ssg/between/generator/diag"
)

// Config is config.toml.
type Config struct {
	BaseURL     string         `toml:"baseURL"`
	Title       string         `toml:"title"`
	Description string         `toml:"description"`
	Language    string         `toml:"language"`
	Paper       string         `toml:"paper"`
	Author      string         `toml:"author"`
	Theme       string         `toml:"theme"`
	Strict      bool           `toml:"strict"`
	Markdown    Markdown       `toml:"markdown"`
	Params      map[string]any `toml:"params"`
}

// Markdown holds the Markdown settings.
type Markdown struct {
	// Unsafe lets raw HTML in Markdown through. Off by default: a library often holds text
	// pasted from elsewhere, and raw HTML could carry scripts into every client's browser.
	Unsafe bool `toml:"unsafe"`
}

// Default is the configuration of a site without config.toml.
func Default() *Config {
	return &Config{BaseURL: "/", Title: "My library", Language: "en", Paper: "A4"}
}

// known lists every key, for "did you mean".
var known = []string{"baseURL", "title", "description", "language", "paper", "author", "theme", "strict", "markdown", "params", "markdown.unsafe"}

var langRe = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Load reads name (normally "config.toml") from fsys. A missing file gives the defaults.
// Every problem is reported in the returned diag.List, with the file's line.
func Load(fsys fs.FS, name string) (*Config, error) {
	c := Default()
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return Parse(name, data)
}

// Parse decodes the bytes of a config file named name.
func Parse(name string, data []byte) (*Config, error) {
	c := Default()
	var errs diag.List
	md, err := toml.Decode(string(data), c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
				msg = fmt.Sprintf("%s: %s", pe.LastKey, msg)
			}
			errs.Add(name, pe.Position.Line, pe.Position.Col, "%s", typeMessage(msg))
			return nil, errs
		}
		errs.Add(name, 0, 0, "%s", err.Error())
		return nil, errs
	}
	for _, k := range md.Undecoded() {
		if len(k) > 1 && k[0] == "params" {
			continue
		}
		key := k.String()
		line := KeyLine(data, k)
		msg := fmt.Sprintf("unknown setting %q", key)
		if s := diag.Suggest(key, known); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			msg += "; the settings are baseURL, title, description, language, paper, author, theme, strict, [markdown] unsafe and [params]"
		}
		errs.Add(name, line, 0, "%s", msg)
	}
	switch strings.ToLower(c.Paper) {
	case "a4":
		c.Paper = "A4"
	case "letter":
		c.Paper = "Letter"
	default:
		errs.Add(name, KeyLine(data, toml.Key{"paper"}), 0, "paper = %q: use \"A4\" or \"Letter\"", c.Paper)
	}
	if !langRe.MatchString(c.Language) {
		errs.Add(name, KeyLine(data, toml.Key{"language"}), 0, "language = %q: use a language code such as \"en\", \"fr\" or \"pt-BR\"", c.Language)
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || (u.Scheme == "" && !strings.HasPrefix(c.BaseURL, "/")) {
		errs.Add(name, KeyLine(data, toml.Key{"baseURL"}), 0, "baseURL = %q is not a web address; write it like \"https://example.org/\" or \"https://example.org/library/\"", c.BaseURL)
	}
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	return c, nil
}

// typeMessage rewords the TOML decoder's type errors for people who do not know Go's types.
func typeMessage(msg string) string {
	r := strings.NewReplacer("destination has type", "expected", "TOML value has type", "found", "incompatible types:", "wrong type:")
	return r.Replace(msg)
}

// KeyLine finds the line that defines key (a dotted path whose leading parts are tables) in
// TOML source, or 0. The decoder reports no positions for keys it did decode, so a plain scan
// is the way to point at a key that decoded but has a bad value.
func KeyLine(src []byte, key []string) int {
	if len(key) == 0 {
		return 0
	}
	table := strings.Join(key[:len(key)-1], ".")
	last := key[len(key)-1]
	cur := ""
	for i, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			name := strings.Trim(t, "[] \t")
			if j := strings.Index(name, "]"); j >= 0 {
				name = name[:j]
			}
			cur = strings.TrimSpace(name)
			if len(key) == 1 && cur == last {
				return i + 1
			}
			continue
		}
		if cur != table {
			continue
		}
		if eq := strings.Index(t, "="); eq > 0 {
			k := strings.Trim(strings.TrimSpace(t[:eq]), `"'`)
			if k == last {
				return i + 1
			}
		}
	}
	return 0
}

// BasePath returns the path part of the base URL with leading and trailing slashes.
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := u.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}
