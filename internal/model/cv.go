package model

import (
	"bytes"
	"time"
)

// MaxCVSize bounds an uploaded CV: 5 MiB holds any reasonable PDF résumé.
const MaxCVSize = 5 << 20

// CV is a talent's CV file, a PDF kept in the database so that every
// instance can serve it.
type CV struct {
	TalentID    int64
	Name        string // the file name the talent uploaded, for downloads
	ContentType string
	Size        int64
	SHA256      string // hex
	Content     []byte
	UploadedAt  time.Time
}

// CheckPDF accepts a plausible PDF: the "%PDF-1.x" header at the start, an
// "%%EOF" trailer near the end and a cross-reference ("startxref") before it,
// within the size limit. Problems name the field "cv".
func CheckPDF(b []byte) error {
	p := Problems{}
	switch {
	case len(b) == 0:
		p.Add("cv", "err.cv_required")
	case len(b) > MaxCVSize:
		p.Add("cv", "err.cv_too_large")
	case !bytes.HasPrefix(b, []byte("%PDF-")) || len(b) < 8 || b[6] != '.' || b[5] < '1' || b[5] > '2':
		p.Add("cv", "err.cv_not_pdf")
	default:
		tail := b[max(0, len(b)-4096):]
		eof := bytes.LastIndex(tail, []byte("%%EOF"))
		if eof < 0 || len(tail)-eof > 1024 || !bytes.Contains(tail[:eof], []byte("startxref")) {
			p.Add("cv", "err.cv_not_pdf")
		}
	}
	return p.Err()
}
