package store

// MeetingStore holds the store's meeting requests, availability, slots, tables and schedules.
// Methods are added here as the area grows.
type MeetingStore interface {
}
