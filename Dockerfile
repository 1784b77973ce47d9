# Roundtable in a container, for a school server. Build and run:
#   docker build -t roundtable .
#   docker run -d -p 8080:8080 -v roundtable-data:/data \
#     roundtable -public-url http://SERVER-LAN-ADDRESS:8080
# Inside a container the kit cannot see the LAN's address, so give the one
# phones reach with -public-url (or run with --network host). See
# docs/INSTALL.md.
# The Go release go.mod names, so image builds of one commit match.
FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# docker build --build-arg VERSION=v1.2.0 --build-arg COMMIT=$(git rev-parse --short=12 HEAD) .
ARG VERSION=container
ARG COMMIT=unknown
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags "-s -w -buildid= -X main.version=${VERSION} -X main.commit=${COMMIT}" -o /out/roundtable . \
 && mkdir -p /out/data /out/tmp && chmod 0700 /out/data && chmod 1777 /out/tmp

FROM scratch
COPY --from=build /out/roundtable /roundtable
COPY --from=build --chown=65532:65532 /out/data /data
COPY --from=build /out/tmp /tmp
USER 65532:65532
VOLUME /data
EXPOSE 8080
# scratch has no curl: the binary checks itself. (If you change -addr,
# override the health check's -url to match.)
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s CMD ["/roundtable", "healthcheck", "-url", "http://127.0.0.1:8080"]
ENTRYPOINT ["/roundtable", "-addr", ":8080", "-data", "/data", "-no-open"]
