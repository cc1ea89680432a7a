// Package output is the output folder: the one place a build writes files to and removes
// files from, and the checks that make both safe.
//
// The design, in the order a build meets it:
//
//   - Open resolves symbolic links in the output's path and the site's, and refuses a folder
//     whose real path is the filesystem root, the home folder, the site, one of the site's
//     inputs (content/, static/, layouts/, themes/, i18n/, config.toml), a folder holding
//     any of these, or a non-empty folder no between build wrote (unless forced).
//   - Plan checks every name to write against the others and against the disk before
//     anything is written: a file where a folder goes, a folder where a file goes, a name
//     too long for the filesystem, a symbolic link on the way. Inside the output folder,
//     every operation is made relative to the folder itself (on Linux openat2 refusing any
//     link on the way, raw_linux.go; elsewhere an os.Root), so nothing can reach outside it,
//     and a symbolic link inside it is never written or deleted through.
//   - Write stages changed files in a hidden folder inside the output; Commit moves them into
//     place in one last phase and undoes what it moved if a move fails, so a failed build
//     leaves the previous files as they were.
//   - The manifest (what earlier builds wrote, so that only those are ever removed) is kept
//     outside the output, in the site's .between/ folder, so it is never published; every
//     name read from it is checked like a name to write.
package output
