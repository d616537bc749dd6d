# The base of the CAIG images where a Docker engine exists: what build-base.sh makes with debootstrap (Debian
# bookworm, headless Java 17, the pods' user 1000 and work dir /var/lib/caig). Not built on the project's machines,
# which have no Docker engine; see README.md.
FROM debian:bookworm-slim
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* /usr/share/man/* && find /usr/share/doc -type f ! -name copyright -delete \
 && groupadd --gid 1000 caig \
 && useradd --uid 1000 --gid 1000 --home-dir /var/lib/caig --no-create-home --shell /usr/sbin/nologin caig \
 && mkdir -p /var/lib/caig && chown 1000:1000 /var/lib/caig && chmod 0750 /var/lib/caig
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 LANG=C.UTF-8
USER 1000:1000
WORKDIR /var/lib/caig
