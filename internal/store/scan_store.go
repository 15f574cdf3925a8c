package store

// ScanStore holds the store's QR tokens, CV files and visit counts.
// Methods are added here as the area grows.
type ScanStore interface {
}
