# Sourced by scripts/run and scripts/test: picks a JDK 21+ and exports JAVA_HOME and PATH.
# Order: $JAVA_HOME if it is 21+, then the newest 21+ JDK under /usr/lib/jvm, then `java`
# on PATH. The machine's default java may be 17, which cannot build this project.

java_major() { # path-to-java -> major version number, or 0
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  [[ $v =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}

choose_jdk() {
  local candidate best="" best_major=0 major
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/javac ]]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    if (( major >= 21 )); then return 0; fi
  fi
  for candidate in /usr/lib/jvm/*/ /opt/java/*/ /opt/*jdk*/; do
    [[ -x ${candidate}bin/javac ]] || continue
    major=$(java_major "${candidate}bin/java")
    if (( major >= 21 && major > best_major )); then best=${candidate%/}; best_major=$major; fi
  done
  if [[ -z $best ]] && command -v javac >/dev/null; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(java_major "$candidate/bin/java")
    (( major >= 21 )) && best=$candidate
  fi
  if [[ -z $best ]]; then
    echo "voxgate: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm, PATH)." >&2
    echo "voxgate: install one (for example: apt-get install openjdk-21-jdk-headless, or Temurin 21+) and retry." >&2
    return 1
  fi
  export JAVA_HOME=$best
}

choose_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"

if ! command -v mvn >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "voxgate: installing Maven (apt-get install maven)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven) >&2
  else
    echo "voxgate: Maven (mvn) is required: apt-get install maven" >&2
    exit 1
  fi
fi
# Maven 3.8's bundled Guava warns about sun.misc.Unsafe on JDK 23+; the warning is noise.
if (( $(java_major "$JAVA_HOME/bin/java") >= 23 )); then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
