module github.com/fasthttp/websocket

go 1.20

require (
	github.com/klauspost/compress v1.17.7
	github.com/savsgio/gotils v0.0.0-20240303185622-093b76447511
	github.com/valyala/fasthttp v1.52.0
	golang.org/x/net v0.21.0
)

require (
	github.com/andybalholm/brotli v1.1.0 // indirect
	github.com/valyala/bytebufferpool v1.0.0 // indirect
)
