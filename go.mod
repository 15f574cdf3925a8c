module github.com/convene/convene

go 1.26.8
