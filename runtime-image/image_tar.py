#!/usr/bin/env python3
"""Reads an image tar as Jib's buildTar writes it (`docker save` layout): checks what the CAIG images must hold, or
unpacks one for a smoke run.

  image_tar.py check runtime-cpu|runtime-cuda|operator IMAGE.tar   # exit 1 and one line per failed expectation
  image_tar.py unpack IMAGE.tar DIR                                # merged root filesystem into DIR (no devices)
  image_tar.py config IMAGE.tar                                    # the image config (entrypoint, env, ...) as JSON
  image_tar.py launch IMAGE.tar [NAME=VALUE ...]                   # NUL-separated arguments of `env` that start the
                                                                   # entrypoint in the image's working dir and env
"""
import io
import json
import os
import re
import stat
import sys
import tarfile
import zipfile
from collections import namedtuple

# A file of the merged file system: the layer that holds the winning version, and its tar entry.
Entry = namedtuple("Entry", "layer member")

# What the operator gives every runtime pod (operator runtimepod.RuntimePod): arguments only, this UID and work dir.
UID = 1000
WORK_DIR = "/var/lib/caig"
JAVA = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"


class Image:
    def __init__(self, path):
        self.path = path
        with tarfile.open(path) as outer:
            manifest = json.load(outer.extractfile("manifest.json"))
            if len(manifest) != 1:
                raise SystemExit(f"{path}: expected one image in manifest.json, found {len(manifest)}")
            self.config = json.load(outer.extractfile(manifest[0]["Config"]))
            self.layers = manifest[0]["Layers"]
            self.layer_sizes = [outer.getmember(name).size for name in self.layers]
        self.files = self._merged_files()

    def layer_members(self):
        """Yields (layer index, tarfile, member) over all layers, base first."""
        with tarfile.open(self.path) as outer:
            for index, name in enumerate(self.layers):
                with tarfile.open(fileobj=outer.extractfile(name), mode="r:*") as layer:
                    for member in layer:
                        yield index, layer, member

    def _merged_files(self):
        """Path -> the Entry that wins (the last layer's)."""
        files = {}
        for index, _, member in self.layer_members():
            path = "/" + os.path.normpath(member.name).lstrip("./")
            base = os.path.basename(path)
            if base == ".wh..wh..opq":
                parent = os.path.dirname(path)
                for known in [p for p in files if p.startswith(parent + "/")]:
                    del files[known]
            elif base.startswith(".wh."):
                files.pop(os.path.join(os.path.dirname(path), base[4:]), None)
            else:
                files[path] = Entry(index, member)
        return files

    def container(self):
        return self.config.get("config", {})

    def env(self):
        return dict(item.split("=", 1) for item in self.container().get("Env") or [])

    def resolve(self, path, depth=0):
        """The member at path, following symbolic links (as the container would)."""
        entry = self.files.get(path)
        member = entry.member if entry else None
        if member is not None and member.issym() and depth < 16:
            target = member.linkname if member.linkname.startswith("/") else \
                os.path.normpath(os.path.join(os.path.dirname(path), member.linkname))
            return self.resolve(target, depth + 1)
        return member

    def under(self, folder):
        return sorted(p for p in self.files if p.startswith(folder.rstrip("/") + "/"))


def check(kind, image):
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    def expect_file(path, executable=False):
        member = image.resolve(path)
        if member is None or not member.isfile():
            problems.append(f"missing file {path}")
        elif executable and not member.mode & stat.S_IXOTH:
            problems.append(f"{path} is not executable by every user (mode {oct(member.mode)})")

    c, env = image.container(), image.env()
    expect(c.get("User") == f"{UID}:{UID}", f"user is {c.get('User')!r}, expected '{UID}:{UID}' (non-root, numeric)")
    expect_file(JAVA, executable=True)
    work = image.resolve(WORK_DIR)
    expect(work is not None and work.isdir() and work.uid == UID,
           f"{WORK_DIR} must be a folder owned by UID {UID} (writable without the operator's volume)")

    if kind.startswith("runtime-"):
        flavor = {"runtime-cpu": "cpu", "runtime-cuda": "cu124"}[kind]
        expect(c.get("Entrypoint") == ["/opt/caig/bin/caig"], f"entrypoint is {c.get('Entrypoint')}, expected the caig CLI")
        expect(c.get("Cmd") == ["--help"], f"default arguments are {c.get('Cmd')}, expected ['--help']")
        expect(c.get("WorkingDir") == WORK_DIR, f"working dir is {c.get('WorkingDir')!r}, expected {WORK_DIR}")
        for key, value in {"CAIG_WORK_DIR": WORK_DIR, "PYTORCH_LIBRARY_PATH": "/opt/caig/libtorch",
                           "PYTORCH_FLAVOR": flavor}.items():
            expect(env.get(key) == value, f"env {key}={env.get(key)!r}, expected {value!r}")
        expect("PYTORCH_VERSION" in env, "env PYTORCH_VERSION is missing (names the JNI library DJL loads)")
        expect("8080/tcp" in (c.get("ExposedPorts") or {}), "port 8080 (caig serve) is not exposed")
        expect_file("/opt/caig/bin/caig", executable=True)
        expect_file("/app/classes/dev/caig/runtime/cli/Main.class")
        libs = [os.path.basename(p) for p in image.under("/app/libs")]
        for prefix in ("api-", "pytorch-engine-", "pytorch-jni-", "picocli-", "minio-"):
            expect(any(name.startswith(prefix) for name in libs), f"no {prefix}*.jar in /app/libs")
        expect(not any(name.startswith("pytorch-native-") for name in libs),
               "a pytorch-native jar is in /app/libs: libtorch would be in the image twice")
        classpath = read_member(image, "/app/jib-classpath-file")
        expect(classpath is not None, "missing /app/jib-classpath-file (the entrypoint's class path)")
        for entry in (classpath or "").strip().split(":"):
            expect(entry.endswith("/*") or entry in image.files, f"class path entry {entry} is not in the image")
        jni_jars = [p for p in image.under("/app/libs") if os.path.basename(p).startswith("pytorch-jni-")]
        if jni_jars:
            # DJL takes the JNI glue for PYTORCH_FLAVOR from this jar; a flavour it lacks would mean a download.
            with zipfile.ZipFile(io.BytesIO(read_member(image, jni_jars[0], text=False))) as jar:
                jni = f"jnilib/linux-x86_64/{flavor}/libdjl_torch.so"
                expect(jni in jar.namelist(), f"{jni_jars[0]} has no {jni}")
        problems.extend(serve_problems(image, flavor, libs))
        for lib in ["libtorch.so", "libtorch_cpu.so", "libc10.so"] + (
                ["libtorch_cuda.so", "libc10_cuda.so", "libcudnn.so.9"] if flavor != "cpu" else []):
            expect_file(f"/opt/caig/libtorch/{lib}")
        if flavor != "cpu":
            expect(env.get("CAIG_CUDART_DIR") == "/opt/caig/cuda", "env CAIG_CUDART_DIR is not /opt/caig/cuda")
            expect_file("/opt/caig/cuda/libcudart.so.12")
        else:
            expect(not image.under("/opt/caig/cuda") and "CAIG_CUDART_DIR" not in env, "the CPU image has CUDA parts")
    elif kind == "operator":
        expect(c.get("Entrypoint") == ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                                       "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                                       "-Dquarkus.vertx.classpath-resolving=false",
                                       "-jar", "/deployments/quarkus-run.jar"],
               f"entrypoint is {c.get('Entrypoint')}, expected java -jar /deployments/quarkus-run.jar")
        expect(c.get("WorkingDir") == "/deployments", f"working dir is {c.get('WorkingDir')!r}, expected /deployments")
        for path in ("/deployments/quarkus-run.jar", "/deployments/quarkus/quarkus-application.dat",
                     "/deployments/quarkus/generated-bytecode.jar"):
            expect_file(path)
        expect(any(p.startswith("/deployments/app/caig-operator") for p in image.under("/deployments/app")),
               "no /deployments/app/caig-operator*.jar")
        main_libs = [os.path.basename(p) for p in image.under("/deployments/lib/main")]
        for prefix in ("io.javaoperatorsdk.operator-", "io.fabric8.kubernetes-client-", "io.minio.minio-"):
            expect(any(name.startswith(prefix) for name in main_libs), f"no {prefix}*.jar in /deployments/lib/main")
        expect(not image.under("/app"), "Jib's /app copy of the operator is in the image (the layer filter failed)")
    else:
        raise SystemExit(f"unknown image kind {kind!r}: runtime-cpu, runtime-cuda or operator")
    return problems


def serve_problems(image, flavor, cli_libs):
    """`caig serve` runs the Quarkus fast-jar at /opt/caig/serve on the image's libtorch: its DJL jars must be the
    versions the command line has (those of the image's libtorch), with the JNI glue for the image's flavour."""
    problems = []
    for path in ("/opt/caig/serve/quarkus-run.jar", "/opt/caig/serve/quarkus/quarkus-application.dat"):
        member = image.resolve(path)
        if member is None or not member.isfile():
            problems.append(f"missing file {path} (the generator service)")
    served = {os.path.basename(p): p for p in image.under("/opt/caig/serve/lib/main")}
    if any(name.startswith("ai.djl.pytorch.pytorch-native-") for name in served):
        problems.append("a pytorch-native jar is in /opt/caig/serve/lib/main: libtorch would be in the image twice")
    # Quarkus names a jar group.artifact-version.jar, Jib artifact-version.jar.
    for group, artifact in (("ai.djl", "api"), ("ai.djl.pytorch", "pytorch-engine"), ("ai.djl.pytorch", "pytorch-jni")):
        cli = sorted(n[len(artifact) + 1:-4] for n in cli_libs if re.fullmatch(re.escape(artifact) + r"-[0-9][^/]*\.jar", n))
        prefix = f"{group}.{artifact}-"
        service = sorted(n[len(prefix):-4] for n in served if n.startswith(prefix) and n.endswith(".jar")
                         and n[len(prefix):len(prefix) + 1].isdigit())
        if not service:
            problems.append(f"no {prefix}*.jar in /opt/caig/serve/lib/main")
        elif service != cli:
            problems.append(f"the generator service has {artifact} {', '.join(service)} but the image's command line "
                            f"(and libtorch) {', '.join(cli) or 'none'}")
    jni = [p for name, p in served.items() if name.startswith("ai.djl.pytorch.pytorch-jni-")]
    if jni:
        with zipfile.ZipFile(io.BytesIO(read_member(image, jni[0], text=False))) as jar:
            glue = f"jnilib/linux-x86_64/{flavor}/libdjl_torch.so"
            if glue not in jar.namelist():
                problems.append(f"{jni[0]} has no {glue}: the service could not load the image's libtorch")
    return problems


def read_member(image, path, text=True):
    """The content of the file at path as the container sees it (text, or bytes), or None."""
    winner = image.files.get(path)
    if winner is None or not winner.member.isfile():
        return None
    for index, layer, member in image.layer_members():
        if index == winner.layer and member.offset == winner.member.offset:
            content = layer.extractfile(member).read()
            return content.decode() if text else content
    return None


def unpack(image, target):
    """Extracts the merged file system (layers in order, whiteouts applied), skipping device files."""
    os.makedirs(target, exist_ok=True)
    root = os.path.realpath(target)
    for index, layer, member in image.layer_members():
        path = "/" + os.path.normpath(member.name).lstrip("./")
        winner = image.files.get(path)
        if winner is None or winner.layer != index or winner.member.offset != member.offset or member.isdev():
            continue
        # Never write through a symbolic link that leads out of the target (absolute links point at the host here).
        parent = os.path.realpath(os.path.join(root, os.path.dirname(path).lstrip("/")))
        if parent != root and not parent.startswith(root + os.sep):
            raise SystemExit(f"{image.path}: {path} would be written outside {target}")
        member.name = path.lstrip("/") or "."
        layer.extract(member, target, set_attrs=True, numeric_owner=True)


def main(argv):
    if len(argv) == 3 and argv[0] == "check":
        image = Image(argv[2])
        problems = check(argv[1], image)
        for problem in problems:
            print(f"{argv[2]}: {problem}", file=sys.stderr)
        megabytes = os.path.getsize(argv[2]) / 1e6
        print(f"{argv[2]}: {argv[1]} {'FAILED' if problems else 'ok'} ({len(image.layers)} layers, {megabytes:.0f} MB, "
              f"{len(image.files)} files, entrypoint {image.container().get('Entrypoint')})")
        return 1 if problems else 0
    if len(argv) == 3 and argv[0] == "unpack":
        unpack(Image(argv[1]), argv[2])
        return 0
    if len(argv) >= 2 and argv[0] == "launch":
        c = Image(argv[1]).container()
        env = dict(item.split("=", 1) for item in (c.get("Env") or []) + argv[2:])
        args = ["-i", "-C", c.get("WorkingDir") or "/"] + [f"{k}={v}" for k, v in env.items()] + (c.get("Entrypoint") or [])
        sys.stdout.write("\0".join(args) + "\0")
        return 0
    if len(argv) == 2 and argv[0] == "config":
        print(json.dumps(Image(argv[1]).container()))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
