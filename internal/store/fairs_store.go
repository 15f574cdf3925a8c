package store

// FairStore holds the store's posts, imports, search, inbox and figures of the job fairs.
// Methods are added here as the area grows.
type FairStore interface {
}
