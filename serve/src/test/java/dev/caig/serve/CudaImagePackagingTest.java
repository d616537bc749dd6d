package dev.caig.serve;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CUDA runtime image's generator service must run on the image's libtorch (2.5.1 cu124, DJL 0.33.0), so its class
 * path must carry that build's pytorch-jni, not the CPU build's. Building that image needs a 2.4 GB libtorch jar this
 * machine does not hold, so the packaging is checked here, on the poms and the build script: serve's cuda profile
 * re-versions DJL exactly as the runtime's does, builds into a folder of its own, the runtime's CUDA image copies that
 * folder, and build-all.sh builds it first; the same for the CPU image's service (serve's image profile, built without
 * the libtorch jar, which the image has unpacked). (On a built tar, `image_tar.py check runtime-cuda` compares the jars.)
 */
class CudaImagePackagingTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void serveIsBuiltOnTheCudaImagesDjlAndTheCudaImageCopiesThatBuild() throws Exception {
        Document parent = read("pom.xml");
        Document runtime = read("runtime/pom.xml");
        Document serve = read("serve/pom.xml");

        // pytorch-jni's version is made of the two properties the cuda profiles set.
        assertEquals("${pytorch.native.version}-${djl.version}", text(parent,
                "/project/dependencyManagement/dependencies/dependency[artifactId='pytorch-jni']/version"));
        for (String property : new String[] {"djl.version", "pytorch.native.version", "pytorch.flavor"}) {
            String inRuntime = text(runtime, "/project/profiles/profile[id='cuda']/properties/" + property);
            assertEquals("${cuda." + property + "}", inRuntime, property);
            assertEquals(inRuntime, text(serve, "/project/profiles/profile[id='cuda']/properties/" + property),
                    "serve's cuda profile sets " + property + " as the runtime's CUDA image does");
        }
        assertTrue(!text(parent, "/project/properties/cuda.djl.version").equals(text(parent, "/project/properties/djl.version")),
                "the CUDA image's DJL differs from the CPU build's: the service must be built twice");

        assertEquals("${project.basedir}/target/cuda", text(serve, "/project/profiles/profile[id='cuda']/build/directory"));
        assertEquals("${project.basedir}/../serve/target/cuda/quarkus-app",
                text(runtime, "/project/profiles/profile[id='cuda']/properties/caig.serve.app"));
        assertEquals("${project.basedir}/../serve/target/image/quarkus-app",
                text(runtime, "/project/profiles/profile[id='image']/properties/caig.serve.app"));
        assertEquals("${project.basedir}/target/image", text(serve, "/project/profiles/profile[id='image']/build/directory"));
        // serve's profiles apply in declaration order too: with image and cuda, cuda's folder wins.
        assertEquals("1", text(serve, "count(/project/profiles/profile[id='image']/following-sibling::profile[id='cuda'])"));
        assertEquals("${caig.serve.app}", text(runtime,
                "/project/profiles/profile[id='image']//plugin[artifactId='jib-maven-plugin']//path[into='/opt/caig/serve']/from"));
        // Profiles apply in the order the pom declares them: cuda after image, so its caig.serve.app wins.
        assertTrue(text(runtime, "count(/project/profiles/profile[id='image']/following-sibling::profile[id='cuda'])").equals("1"));

        String buildAll = Files.readString(ROOT.resolve("runtime-image/build-all.sh"));
        int cpuService = buildAll.indexOf("-Pimage -pl serve -am");
        int cpuImage = buildAll.indexOf("-Pimage -pl runtime,operator ");
        assertTrue(cpuService > 0 && cpuImage > cpuService, "build-all.sh builds the image's service before the CPU image");
        int service = buildAll.indexOf("-Pimage,cuda -pl serve -am");
        int image = buildAll.indexOf("-Pimage,cuda -pl runtime ");
        assertTrue(service > 0 && image > service, "build-all.sh builds serve's CUDA service before the CUDA image");
    }

    private static Document read(String pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve(pom).toFile());
    }

    private static String text(Document pom, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, pom).strip();
    }
}
