# pwflow as a container image, for CI systems that run tools as images (GitLab CI, Drone, ...).
#
#   docker build -t pwflow .                     # the default image: static binary + git + sh
#   docker build --target minimal -t pwflow .    # the static binary alone, on scratch (~10 MB)
#   docker run --rm -v "$PWD:/src" -w /src pwflow check .
#
# The binary is built for musl on Alpine, where Rust links statically, so it needs no libc.
# The default image adds a shell and git on Alpine: GitLab CI runs its `script:` with `sh`, and
# `--diff-base`/`--staged` call git. `minimal` is for `docker run` and tools that exec pwflow.

FROM rust:1-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
RUN cargo build --release --locked \
    && cp target/release/pwflow /pwflow \
    && /pwflow --version

FROM scratch AS minimal
COPY --from=build /pwflow /usr/local/bin/pwflow
ENTRYPOINT ["/usr/local/bin/pwflow"]
CMD ["check", "."]

FROM alpine:3 AS default
RUN apk add --no-cache git
COPY --from=build /pwflow /usr/local/bin/pwflow
ENTRYPOINT ["/usr/local/bin/pwflow"]
CMD ["check", "."]
