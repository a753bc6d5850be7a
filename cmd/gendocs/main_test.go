package main

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/thidua/thidua/pkg/config"
)

var testDate = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// generateInto runs the generator into a fresh temp dir and returns the
// man and completions directories.
func generateInto(t *testing.T) (manDir, compDir string) {
	t.Helper()
	dir := t.TempDir()
	manDir, compDir = filepath.Join(dir, "man"), filepath.Join(dir, "completions")
	// A page left from a command that no longer exists must go; other
	// files are not the generator's to remove.
	if err := os.MkdirAll(manDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"thidua-removed.1", "README"} {
		if err := os.WriteFile(filepath.Join(manDir, f), []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := generate(options{ManDir: manDir, CompletionsDir: compDir, Date: testDate, Version: "v1.2.3"}); err != nil {
		t.Fatalf("generate: %v", err)
	}
	return manDir, compDir
}

// TestManPageForEveryCommand checks that every command of the real tree
// has its page, with its name, synopsis and every one of its flags.
func TestManPageForEveryCommand(t *testing.T) {
	manDir, _ := generateInto(t)
	root := newRoot()

	// The commands the product contract (docs/commands.md) promises must be there,
	// so that a tree that lost a command cannot pass.
	want := []string{"thidua", "thidua init", "thidua template", "thidua validate", "thidua report",
		"thidua campaign", "thidua campaign check", "thidua version", "thidua completion"}
	var got []string
	walk(root, func(c *cobra.Command) {
		if c != root && !documented(c) {
			return
		}
		got = append(got, c.CommandPath())
		page := filepath.Join(manDir, strings.ReplaceAll(c.CommandPath(), " ", "-")+".1")
		data, err := os.ReadFile(page)
		if err != nil {
			t.Errorf("%s: no manual page: %v", c.CommandPath(), err)
			return
		}
		text := string(data)
		title := strings.ToUpper(strings.ReplaceAll(c.CommandPath(), " ", "-"))
		for _, s := range []string{
			`.TH "` + title + `" "1" "Nov 2026" "thidua 1.2.3" "thidua manual"`,
			".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION",
		} {
			if !strings.Contains(text, s) {
				t.Errorf("%s: page lacks %q", page, s)
			}
		}
		c.NonInheritedFlags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden || f.Deprecated != "" {
				return // kept out of --help, so out of the page too
			}
			if !strings.Contains(text, `\fB--`+f.Name+`\fP`) {
				t.Errorf("%s: page does not document --%s", page, f.Name)
			}
		})
	})
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("command %q missing from the tree (have %v)", w, got)
		}
	}

	// No stray pages: exactly one per documented command.
	entries, err := os.ReadDir(manDir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	names := append(manPageNames(root), "README")
	slices.Sort(names)
	if !slices.Equal(files, names) {
		t.Errorf("pages = %v, want %v", files, names)
	}
}

// TestManPageText checks that text Markdown would eat survives into the
// roff: placeholders in angle brackets, the exit-status table, the
// environment variables.
func TestManPageText(t *testing.T) {
	manDir, _ := generateInto(t)
	tests := []struct {
		page string
		want []string
	}{
		{"thidua-report.1", []string{"./thidua-out/<kỳ>/:", ".SH EXIT STATUS", "130  bị ngắt", "tong-hop-<kỳ>.xlsx   bảng tổng hợp",
			"(mặc định ./thidua-out/<kỳ>/) / output directory"}},
		{"thidua-template.1", []string{"phieu-<mã>-<tên đơn vị viết không dấu>", `trang ẩn "_thidua"`, "phieu-<code>-<ascii name>"}},
		{"thidua.1", []string{".SH ENVIRONMENT", "THIDUA_*", "THIDUA_CONFIG", "THIDUA_ORGANIZATION_NAME", "THIDUA_SIGNER_NAME", ".SH SEE ALSO"}},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join(manDir, tt.page))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(data), w) {
				t.Errorf("%s lacks %q", tt.page, w)
			}
		}
	}
}

// TestCompletions checks one script per shell, each for thidua.
func TestCompletions(t *testing.T) {
	_, compDir := generateInto(t)
	marks := map[string]string{
		"thidua.bash": "__start_thidua",
		"_thidua":     "#compdef thidua",
		"thidua.fish": "complete -c thidua",
		"thidua.ps1":  "Register-ArgumentCompleter",
	}
	for _, cf := range completionFiles {
		data, err := os.ReadFile(filepath.Join(compDir, cf.file))
		if err != nil {
			t.Errorf("%s: %v", cf.shell, err)
			continue
		}
		if m := marks[cf.file]; !bytes.Contains(data, []byte(m)) {
			t.Errorf("%s completion (%s) lacks %q", cf.shell, cf.file, m)
		}
	}
}

// TestReproducible checks that two runs with the same date give the same bytes.
func TestReproducible(t *testing.T) {
	a, ac := generateInto(t)
	b, bc := generateInto(t)
	for _, pair := range [][2]string{{a, b}, {ac, bc}} {
		entries, err := os.ReadDir(pair[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			x, _ := os.ReadFile(filepath.Join(pair[0], e.Name()))
			y, err := os.ReadFile(filepath.Join(pair[1], e.Name()))
			if err != nil || !bytes.Equal(x, y) {
				t.Errorf("%s differs between two runs", e.Name())
			}
		}
	}
}

// TestRepositoryPagesUpToDate checks docs/man against the command tree:
// when a command's help changes, run `go generate ./cmd/gendocs`.
func TestRepositoryPagesUpToDate(t *testing.T) {
	repoDir := filepath.Join("..", "..", "docs", "man")
	if _, err := os.Stat(repoDir); err != nil {
		t.Skipf("no %s: %v", repoDir, err)
	}
	dir := t.TempDir()
	if err := generate(options{ManDir: dir, Date: testDate}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	repoEntries, err := os.ReadDir(repoDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(repoEntries) != len(entries) {
		t.Errorf("docs/man has %d pages, the command tree %d: run go generate ./cmd/gendocs", len(repoEntries), len(entries))
	}
	for _, e := range entries {
		fresh, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		kept, err := os.ReadFile(filepath.Join(repoDir, e.Name()))
		if err != nil {
			t.Errorf("docs/man/%s missing: run go generate ./cmd/gendocs", e.Name())
			continue
		}
		if withoutTH(fresh) != withoutTH(kept) {
			t.Errorf("docs/man/%s is out of date: run go generate ./cmd/gendocs", e.Name())
		}
	}
}

// TestReadmeOptionsUpToDate fails when the README's option list no longer
// matches the option table (config.Options).
func TestReadmeOptionsUpToDate(t *testing.T) {
	for _, page := range []string{"README.md", filepath.Join("docs", "config.md")} {
		kept, err := os.ReadFile(filepath.Join("..", "..", page))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		fresh, err := rewriteReadme(string(kept))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		if fresh != string(kept) {
			t.Errorf("%s's option list is out of date: run go generate ./cmd/gendocs", page)
		}
		for _, o := range config.Options {
			if !strings.Contains(fresh, "`"+o.Env()+"`") {
				t.Errorf("%s: option list lacks %s", page, o.Env())
			}
		}
	}
}

// withoutTH drops the .TH line (it holds the date of generation).
func withoutTH(b []byte) string {
	var keep []string
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, ".TH ") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func TestParseDate(t *testing.T) {
	now := func() time.Time { return time.Date(2027, 3, 4, 23, 30, 0, 0, time.FixedZone("ICT", 7*3600)) }
	tests := []struct {
		name, flag, epoch string
		want              string
		wantErr           bool
	}{
		{"date flag", "2026-10-10", "", "2026-10-10", false},
		{"RFC 3339 flag (goreleaser CommitDate)", "2026-10-10T23:59:00+07:00", "", "2026-10-10", false},
		{"flag beats epoch", "2026-01-02", "0", "2026-01-02", false},
		{"SOURCE_DATE_EPOCH", "", "1790000000", "2026-09-21", false},
		{"default is today in UTC", "", "", "2027-03-04", false},
		{"zero CommitDate (snapshot without git info) falls back", "0001-01-01T00:00:00Z", "1790000000", "2026-09-21", false},
		{"zero date without epoch is today", "0001-01-01", "", "2027-03-04", false},
		{"bad flag", "10/10/2026", "", "", true},
		{"bad epoch", "", "yesterday", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseDate(tt.flag, tt.epoch, now)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && got.Format("2006-01-02") != tt.want {
				t.Errorf("got %s, want %s", got.Format("2006-01-02"), tt.want)
			}
		})
	}
}

func TestManMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"prose escaped", "ghi vào ./out/<kỳ>/ và _thidua *x*", "ghi vào ./out/\\<kỳ\\>/ và \\_thidua \\*x\\*\n"},
		{"indented lines become a verbatim block", "Tệp:\n  a.xlsx   bảng\n  b.pdf    báo cáo\nHết.",
			"Tệp:\n\n      a.xlsx   bảng\n      b.pdf    báo cáo\n\nHết.\n"},
		{"upper-case line is a heading", "EXIT STATUS\n  0    xong", "# EXIT STATUS\n\n      0    xong\n"},
		{"short upper-case word stays prose", "OK", "OK\n"},
		{"blank line kept", "a\n\nb", "a\n\nb\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := manMarkdown(tt.in); got != tt.want {
				t.Errorf("manMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"nothing to do", nil, 2},
		{"stray argument", []string{"-man", dir, "extra"}, 2},
		{"unknown flag", []string{"-html", dir}, 2},
		{"bad date", []string{"-man", dir, "-date", "hôm nay"}, 2},
		{"man pages", []string{"-man", filepath.Join(dir, "m"), "-date", "2026-11-28"}, 0},
		{"target is a file", []string{"-completions", filepath.Join(dir, "m", "thidua.1")}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if code := run(tt.args, &stderr); code != tt.code {
				t.Errorf("run(%q) = %d, want %d; stderr: %s", tt.args, code, tt.code, stderr.String())
			}
		})
	}
}

// TestGuideHTML renders the real user guide: one page that opens without
// anything else (UTF-8 declared, the style inside, nothing fetched), with
// every heading of the Markdown, its Vietnamese text as written, every
// link of its table of contents landing on a heading, and the same bytes
// from the same inputs.
func TestGuideHTML(t *testing.T) {
	src := filepath.Join("..", "..", "docs", "huong-dan-su-dung.md")
	md, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "dist", "huong-dan-su-dung.html")
	var stderr bytes.Buffer
	if code := run([]string{"-guide", src, "-guide-html", out, "-date", "2026-11-28", "-version", "v1.2.3"}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, w := range []string{"<!DOCTYPE html>", `<html lang="vi">`, `<meta charset="utf-8">`, "<title>Hướng dẫn sử dụng thidua</title>", "<style>",
		"Tài liệu này dành cho <strong>cán bộ thi đua – khen thưởng", "<table>", "<pre><code>", "thidua 1.2.3 — 28/11/2026"} {
		if !strings.Contains(page, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
	// nothing is fetched from anywhere: no script, picture, frame, style
	// sheet or font outside the page
	for _, bad := range []string{"<script", "<img", "<iframe", "<link", "<object", "src=", "@import", "url(", "\ufffd"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	// every heading of the Markdown, as text
	tag := regexp.MustCompile(`<[^>]+>`)
	headings := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?s)<h[1-6][^>]*>(.*?)</h[1-6]>`).FindAllStringSubmatch(page, -1) {
		headings[html.UnescapeString(tag.ReplaceAllString(m[1], ""))] = true
	}
	inFence, n := false, 0
	for _, line := range strings.Split(string(md), "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if inFence || !strings.HasPrefix(line, "#") {
			continue
		}
		text := strings.NewReplacer("`", "", "**", "").Replace(strings.TrimSpace(strings.TrimLeft(line, "#")))
		n++
		if !headings[text] {
			t.Errorf("heading %q is not in the page", text)
		}
	}
	if n < 15 {
		t.Fatalf("only %d headings found in the guide", n)
	}
	// the table of contents lands on the headings
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		ids[html.UnescapeString(m[1])] = true
	}
	links := regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(links) < 15 {
		t.Errorf("%d links into the page, want the table of contents", len(links))
	}
	for _, m := range links {
		if id := html.UnescapeString(m[1]); !ids[id] {
			t.Errorf("link #%s lands on no heading", id)
		}
	}
	// reproducible
	if again := guideHTML(md, "thidua 1.2.3 — 28/11/2026"); !bytes.Equal(again, b) {
		t.Error("two renders of the guide differ")
	}
}

func TestHeadingSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1. Cài đặt trên Windows", "1-cài-đặt-trên-windows"},
		{"2. Khởi tạo: tệp cấu hình thidua.yaml", "2-khởi-tạo-tệp-cấu-hình-thiduayaml"},
		{"7. Vòng thẩm định của Hội đồng (--review)", "7-vòng-thẩm-định-của-hội-đồng---review"},
		{"13. Cấu hình bằng biến môi trường THIDUA_*", "13-cấu-hình-bằng-biến-môi-trường-thidua_"},
	} {
		if got := headingSlug(tc.in); got != tc.want {
			t.Errorf("headingSlug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
