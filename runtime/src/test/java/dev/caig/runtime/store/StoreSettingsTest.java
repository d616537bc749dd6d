package dev.caig.runtime.store;

import dev.caig.runtime.CaigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void noEndpointMeansLocalModeUnderTheWorkDir() {
        StoreSettings s = StoreSettings.from(Map.of("CAIG_WORK_DIR", tmp.toString()));
        assertTrue(s.localMode());
        assertEquals("us-east-1", s.region());
        assertEquals(tmp.resolve("store"), s.localStoreDir());
        assertEquals(tmp.resolve("elsewhere"),
                StoreSettings.from(Map.of("CAIG_LOCAL_STORE", tmp.resolve("elsewhere").toString())).localStoreDir());
    }

    @Test
    void caigVariablesWinOverTheFileWhichWinsOverAwsVariables() throws IOException {
        Path file = tmp.resolve("credentials");
        Files.writeString(file, "[default]\n# a comment\naws_access_key_id = file-key\naws_secret_access_key = file-secret\n"
                + "endpoint = http://minio.example:9000\n");
        StoreSettings fromFile = StoreSettings.from(Map.of("CAIG_S3_CREDENTIALS_FILE", file.toString(),
                "AWS_ACCESS_KEY_ID", "aws-key", "AWS_SECRET_ACCESS_KEY", "aws-secret"));
        assertEquals("file-key", fromFile.accessKey());
        assertEquals("file-secret", fromFile.secretKey());
        assertEquals("http://minio.example:9000", fromFile.endpoint());
        assertFalse(fromFile.localMode());

        StoreSettings fromEnv = StoreSettings.from(Map.of("CAIG_S3_CREDENTIALS_FILE", file.toString(),
                "CAIG_S3_ACCESS_KEY", "env-key", "CAIG_S3_SECRET_KEY", "env-secret", "CAIG_S3_REGION", "eu-west-1"));
        assertEquals("env-key", fromEnv.accessKey());
        assertEquals("eu-west-1", fromEnv.region());

        StoreSettings aws = StoreSettings.from(Map.of("AWS_ACCESS_KEY_ID", "aws-key", "AWS_SECRET_ACCESS_KEY", "aws-secret"));
        assertEquals("aws-key", aws.accessKey());
        assertNull(StoreSettings.from(Map.of()).accessKey());
    }

    @Test
    void secretsNeverAppearInToString() {
        StoreSettings s = StoreSettings.from(Map.of("CAIG_S3_ENDPOINT", "https://s3.example",
                "CAIG_S3_ACCESS_KEY", "AKIDEXAMPLE", "CAIG_S3_SECRET_KEY", "wJalrXUtnFEMI"));
        assertFalse(s.toString().contains("wJalrXUtnFEMI"), s.toString());
        assertFalse(s.toString().contains("AKIDEXAMPLE"), s.toString());
        assertTrue(s.toString().contains("https://s3.example"));
    }

    @Test
    void badSettingsAreNamed() {
        assertTrue(assertThrows(CaigException.class, () -> StoreSettings.from(Map.of("CAIG_S3_ENDPOINT", "minio:9000")))
                .getMessage().startsWith("CAIG_S3_ENDPOINT=minio:9000: not a URL"));
        assertTrue(assertThrows(CaigException.class, () -> StoreSettings.from(Map.of("CAIG_S3_ACCESS_KEY", "only-key")))
                .getMessage().contains("incomplete"));
        CaigException missing = assertThrows(CaigException.class,
                () -> StoreSettings.from(Map.of("CAIG_S3_CREDENTIALS_FILE", tmp.resolve("nope").toString())));
        assertTrue(missing.getMessage().contains("cannot read the credentials file"), missing.getMessage());
    }
}
