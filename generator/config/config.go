// Package config loads a site's config.toml.
//
// The file is small and coaches edit it by hand, so a mistake in it is always an error (an
// unknown key would otherwise be silently ignored) with the line and a "did you mean".
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/mail"
	"net/url"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/between-ssg/between/generator/diag"
	"github.com/between-ssg/between/generator/input"
)

// Config is config.toml.
type Config struct {
	BaseURL     string `toml:"baseURL"`
	Title       string `toml:"title"`
	Description string `toml:"description"`
	Language    string `toml:"language"`
	Paper       string `toml:"paper"`
	Author      string `toml:"author"`
	Theme       string `toml:"theme"`
	Strict      bool   `toml:"strict"`
	// Paginate is how many entries a section or tag page shows before the list goes on at
	// page/2/: long lists stay light on a phone.
	Paginate int `toml:"paginate"`
	// CoachEmail is where "Send to my coach" addresses its mail: "Clara <clara@example.org>"
	// or "clara@example.org". The name, when given, is on the button.
	CoachEmail string         `toml:"coach_email"`
	Markdown   Markdown       `toml:"markdown"`
	Params     map[string]any `toml:"params"`
}

// Markdown holds the Markdown settings.
type Markdown struct {
	// Unsafe lets raw HTML in Markdown through. Off by default: a library often holds text
	// pasted from elsewhere, and raw HTML could carry scripts into every client's browser.
	Unsafe bool `toml:"unsafe"`
}

// Default is the configuration of a site without config.toml.
func Default() *Config {
	return &Config{BaseURL: "/", Title: "My library", Language: "en", Paper: "A4", Paginate: 50}
}

// known lists every key, for "did you mean".
var known = []string{"baseURL", "title", "description", "language", "paper", "author", "theme", "strict", "paginate", "coach_email", "markdown", "params", "markdown.unsafe"}

var langRe = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Load reads name (normally "config.toml") from fsys. A missing file gives the defaults.
// Every problem is reported in the returned diag.List, with the file's line.
func Load(fsys fs.FS, name string) (*Config, error) {
	c := Default()
	data, err := input.ReadFile(fsys, name, input.ConfigLimit)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, diag.List{{File: name, Msg: input.Problem(err)}}
	}
	return Parse(name, data)
}

// Parse decodes the bytes of a config file named name.
func Parse(name string, data []byte) (*Config, error) {
	var errs diag.List
	// Decoding into a map first never fails on a type, so every key can be checked (its exact
	// spelling, since the struct decoder would accept "baseUrl" or "Title" silently, and its
	// type, with its line) and all problems reported at once.
	if line := input.TOMLDepth(data); line > 0 {
		errs.Add(name, line, 0, "lists or tables nest more than %d deep here; a setting needs at most two levels", input.MaxDepth)
		return nil, errs
	}
	var raw map[string]any
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		var pe toml.ParseError
		if key, v, line, col, ok := UnclosedQuote(data, '='); ok && errors.As(err, &pe) && pe.Position.Line == line {
			errs.Add(name, line, col, "%s", UnclosedQuoteMessage(key, v, '='))
			return nil, errs
		}
		if errors.As(err, &pe) {
			msg := pe.Message
			if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
				msg = fmt.Sprintf("%s: %s", pe.LastKey, msg)
			}
			errs.Add(name, pe.Position.Line, pe.Position.Col, "%s", msg)
			return nil, errs
		}
		errs.Add(name, 0, 0, "%s", err.Error())
		return nil, errs
	}
	for _, k := range md.Keys() {
		if len(k) > 1 && k[0] == "params" {
			continue
		}
		key := k.String()
		line := KeyLine(data, k)
		want, ok := types[key]
		if !ok {
			msg := fmt.Sprintf("unknown setting %q", key)
			if s := diag.Suggest(key, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; the settings are baseURL, title, description, language, paper, author, theme, strict, paginate, coach_email, [markdown] unsafe and [params]"
			}
			errs.Add(name, line, 0, "%s", msg)
			continue
		}
		if got := md.Type(k...); got != want {
			last := k[len(k)-1]
			example := map[string]string{"String": last + ` = "..."`, "Bool": last + " = true", "Hash": "[" + last + "]", "Integer": last + " = 50"}[want]
			errs.Add(name, line, 0, "%s must be %s, not %s; write it like %s", key, typeNames[want], typeName(got), example)
		}
	}
	// Values come from the map by their exact keys; a wrongly typed one keeps its default.
	c := Default()
	for key, dst := range map[string]*string{"baseURL": &c.BaseURL, "title": &c.Title, "description": &c.Description,
		"language": &c.Language, "paper": &c.Paper, "author": &c.Author, "theme": &c.Theme, "coach_email": &c.CoachEmail} {
		if v, ok := raw[key].(string); ok {
			*dst = v
		}
	}
	if v, ok := raw["strict"].(bool); ok {
		c.Strict = v
	}
	if v, ok := raw["paginate"].(int64); ok {
		if v < 1 || v > 100000 {
			errs.Add(name, KeyLine(data, toml.Key{"paginate"}), 0, "paginate = %d: give how many entries a list page shows, such as 50", v)
		} else {
			c.Paginate = int(v)
		}
	}
	if m, ok := raw["markdown"].(map[string]any); ok {
		if v, ok := m["unsafe"].(bool); ok {
			c.Markdown.Unsafe = v
		}
	}
	if m, ok := raw["params"].(map[string]any); ok {
		c.Params = m
	}
	switch strings.ToLower(c.Paper) {
	case "a4":
		c.Paper = "A4"
	case "letter":
		c.Paper = "Letter"
	default:
		errs.Add(name, KeyLine(data, toml.Key{"paper"}), 0, "paper = %q: use \"A4\" or \"Letter\"", c.Paper)
	}
	if tag, err := language.Parse(c.Language); err != nil || !langRe.MatchString(c.Language) {
		errs.Add(name, KeyLine(data, toml.Key{"language"}), 0, "language = %q: use a language code such as \"en\", \"en-GB\", \"fr\" or \"pt-BR\"", c.Language)
	} else {
		// Any BCP 47 tag, written the usual way: "en-gb" is "en-GB".
		c.Language = tag.String()
	}
	if c.CoachEmail != "" {
		if _, err := mail.ParseAddress(c.CoachEmail); err != nil {
			errs.Add(name, KeyLine(data, toml.Key{"coach_email"}), 0, "coach_email = %q is not an email address; write it like \"clara@example.org\" or \"Clara <clara@example.org>\"", c.CoachEmail)
		}
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	if msg := BaseURLProblem(c.BaseURL); msg != "" {
		errs.Add(name, KeyLine(data, toml.Key{"baseURL"}), 0, "baseURL = %q %s", c.BaseURL, msg)
	}
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	return c, nil
}

// types is the TOML type of every setting (as toml.MetaData.Type names them).
var types = map[string]string{
	"baseURL": "String", "title": "String", "description": "String", "language": "String",
	"paper": "String", "author": "String", "theme": "String", "strict": "Bool", "paginate": "Integer",
	"coach_email": "String",
	"markdown":    "Hash", "markdown.unsafe": "Bool", "params": "Hash",
}

// typeNames words TOML's types for people who do not know them.
var typeNames = map[string]string{
	"String": "text in quotes", "Bool": "true or false", "Hash": "a table", "Integer": "a whole number",
}

func typeName(t string) string {
	switch t {
	case "String":
		return "text"
	case "Integer":
		return "a number"
	case "Float":
		return "a decimal number"
	case "Bool":
		return "true/false"
	case "Datetime":
		return "a date"
	case "Array":
		return "a list"
	case "Hash":
		return "a table"
	case "ArrayHash":
		return "a list of tables"
	}
	return strings.ToLower(t)
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
		eq := strings.Index(t, "=")
		if eq <= 0 {
			continue
		}
		k := strings.Trim(strings.TrimSpace(t[:eq]), `"'`)
		if cur == table && k == last {
			return i + 1
		}
		// A dotted key ("markdown.unsafe = true") sets a key of a table from outside it.
		if cur == "" && len(key) > 1 && strings.ReplaceAll(k, " ", "") == strings.Join(key, ".") {
			return i + 1
		}
	}
	return 0
}

// BaseURLSlash returns the base URL with exactly one trailing slash.
func (c *Config) BaseURLSlash() string { return strings.TrimSuffix(c.BaseURL, "/") + "/" }

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

// ValidBaseURL reports whether s can be a site's base URL: an http or https address, or a
// path starting with "/".
func ValidBaseURL(s string) bool { return BaseURLProblem(s) == "" }

// BaseURLProblem says what is wrong with s as a base URL, to follow the value in a
// message, or "" when nothing is.
func BaseURLProblem(s string) string {
	const like = "; write it like \"https://example.org/\" or \"https://example.org/library/\""
	u, err := url.Parse(s)
	switch {
	case err != nil,
		u.Scheme == "" && (!strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//")),
		u.Scheme != "" && (u.Scheme != "http" && u.Scheme != "https" || u.Host == ""):
		return "is not a web address" + like
	case strings.ContainsAny(s, "?#"):
		// Every page's address is the base URL followed by the page's path: after a ? or
		// a # that path would be a query or a fragment, not a page.
		return "has a ? or #, after which no page's address can follow; end it with the site's folder" + like
	case u.User != nil:
		return "holds a user name; a published address must not" + like
	}
	return ""
}
