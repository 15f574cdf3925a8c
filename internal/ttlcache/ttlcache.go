// Package ttlcache keeps values for a fixed time: the hot pages' way of not
// asking the database the same question many times a second. Its users say
// what a stale value can cost and drop entries they change themselves.
package ttlcache

import (
	"sync"
	"time"
)

// Cache maps keys to values that expire ttl after they were put.
type Cache[K comparable, V any] struct {
	ttl time.Duration
	max int // past it the cache starts over: simple, and bounds memory

	mu sync.RWMutex
	m  map[K]entry[V]
}

type entry[V any] struct {
	v     V
	until time.Time
}

// New returns a cache keeping values ttl, at most max of them.
func New[K comparable, V any](ttl time.Duration, max int) *Cache[K, V] {
	return &Cache[K, V]{ttl: ttl, max: max}
}

// Get returns k's value while it is fresh.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	c.mu.RLock()
	e, ok := c.m[k]
	c.mu.RUnlock()
	if !ok || time.Now().After(e.until) {
		var zero V
		return zero, false
	}
	return e.v, true
}

// Put keeps v for k.
func (c *Cache[K, V]) Put(k K, v V) {
	c.mu.Lock()
	if c.m == nil || len(c.m) >= c.max {
		c.m = make(map[K]entry[V])
	}
	c.m[k] = entry[V]{v, time.Now().Add(c.ttl)}
	c.mu.Unlock()
}

// Forget drops k.
func (c *Cache[K, V]) Forget(k K) {
	c.mu.Lock()
	delete(c.m, k)
	c.mu.Unlock()
}
