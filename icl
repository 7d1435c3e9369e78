#!/usr/bin/env bash
# icl-dynamics launcher: finds a JDK 21+ (prefers 25), builds the jar on first use, runs the CLI.
#   ./icl run                 main job on the embedded defaults
#   ./icl test [mvn args]     the default test suite (what .ci/run calls)
#   ./icl --help              every subcommand
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd_here() { cd "$here"; }

java_major() { # prints the major version of the java binary $1, or 0
  local v="" rel="${1%/bin/java}/release"
  # the JDK's release file answers without starting a JVM (each start costs 0.1-0.5 s, several per launch)
  [ -r "$rel" ] && v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$rel" 2>/dev/null | head -1)
  [ -n "$v" ] || v=$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}') || { echo 0; return; }
  v=${v#1.}; echo "${v%%[.-]*}"
}

find_jdk() {
  local cands=()
  [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
  for d in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/*25* /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*-2[1-9]* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* /opt/java/* /usr/lib/jvm/*; do
    [ -d "$d" ] && cands+=("$d")
  done
  if command -v java >/dev/null 2>&1; then
    local j; j=$(readlink -f "$(command -v java)"); cands+=("${j%/bin/java}")
  fi
  local best="" bestv=0 c v
  for c in "${cands[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(java_major "$c/bin/java")
    if [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$c; bestv=$v; fi
    # JAVA_HOME wins when it is new enough
    if [ "$c" = "${JAVA_HOME:-}" ] && [ "$v" -ge 21 ]; then best=$c; break; fi
  done
  if [ -z "$best" ]; then
    echo "icl: needs a JDK 21 or newer (25 recommended: the Vector API is 1.5-3x faster there)." >&2
    echo "     Install one, e.g. 'apt-get install temurin-25-jdk' or 'apt-get install openjdk-21-jdk', or set JAVA_HOME." >&2
    exit 2
  fi
  echo "$best"
}

JAVA_HOME=$(find_jdk); export JAVA_HOME
PATH="$JAVA_HOME/bin:$PATH"
# Maven's own Guava calls sun.misc.Unsafe; JDK 24+ warns about it on every build unless told it is allowed.
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
# Maven 3.9's jansi loads native code: JDK 22+ warns about that restricted method on every build unless allowed.
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 22 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED"
fi
# Maven 3.8 prints colour resets even in batch mode; strip every ANSI escape from what we show.
plain() { sed -u 's/\x1b\[[0-9;]*[A-Za-z]//g'; }

mvn_cmd() {
  if command -v mvn >/dev/null 2>&1; then echo mvn; return; fi
  if [ -x "$here/mvnw" ]; then echo "$here/mvnw"; return; fi
  echo "icl: needs Maven 3.8 or newer to build: install it (e.g. 'apt-get install maven' or 'brew install maven')" >&2
  echo "     or put 'mvn' on PATH." >&2
  exit 2
}

jar="$here/target/icl-dynamics.jar"
build_if_needed() {
  if [ ! -f "$jar" ] || [ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "icl: building (first use or sources changed) with $JAVA_HOME ..." >&2
    local mvn log; mvn=$(mvn_cmd) || exit 2
    log=$(mktemp "${TMPDIR:-/tmp}/icl-build.XXXXXX")
    # quiet unless the build fails; then Maven's messages (errors first) without escape codes
    if ! (cd "$here" && "$mvn" -B -q -Dstyle.color=never -DskipTests package) >"$log" 2>&1; then
      plain <"$log" | grep -v -e '^WARNING: ' -e '^\[WARNING\]' | tail -n 60 >&2
      rm -f "$log"; echo "icl: build failed" >&2; exit 2
    fi
    rm -f "$log"
  fi
}

if [ "${1:-}" = "test" ]; then
  shift
  mvn=$(mvn_cmd) || exit 2
  cd "$here" && mkdir -p target
  echo "icl: running the test suite (Maven's full output: target/test.log) ..." >&2
  # Show only errors as they come and Surefire's closing summary ("Tests run: N, Failures: ..."), which CI reads.
  set +e
  "$mvn" -B -Dstyle.color=never test "$@" 2>&1 | plain | tee target/test.log \
    | awk '/^\[INFO\] Results:/ || /^\[INFO\] BUILD FAILURE/ {tail = 1} tail || /^\[ERROR\]/ {print; fflush()}'
  exit "${PIPESTATUS[0]}"
fi

build_if_needed
flags=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true)
[ -n "${ICL_JAVA_OPTS:-}" ] && read -r -a extra <<<"$ICL_JAVA_OPTS" && flags+=("${extra[@]}")
# Run from a copy of the jar named by its checksum: a rebuild (sources edited while a long run goes on) rewrites
# target/icl-dynamics.jar in place, which would break the running JVM's class loading at its next new class.
launch="$here/target/launch"
copy="$launch/icl-dynamics-$(cksum <"$jar" | cut -d' ' -f1).jar"
if [ ! -f "$copy" ]; then
  mkdir -p "$launch" && cp "$jar" "$copy.$$" && mv -f "$copy.$$" "$copy" || { echo "icl: cannot write $launch" >&2; exit 2; }
  find "$launch" -name 'icl-dynamics-*.jar' -mtime +7 -delete 2>/dev/null || true
fi
# keep the JVM's incubator notice out of machine-read output
exec "$JAVA_HOME/bin/java" "${flags[@]}" -Dicl.home="$here" -cp "$copy:$here/target/lib/*" org.icldynamics.cli.Main "$@" \
  2> >(grep -v --line-buffered 'Using incubator modules' >&2)
