// Package themes embeds the default theme, so a bare between binary builds a site with no
// theme folder on disk.
package themes

import "embed"

// Default is the default theme: layouts/, static/ and i18n/ under the folder "default".
//
//go:embed all:default
var Default embed.FS
