package com.caddyshop.platform.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/** {@code UPLOAD_MAX_SIZE} and {@code UPLOAD_PATH}. */
public class UploadSettings {
    @JsonProperty
    @NotNull
    @MinDataSize(1)
    @MaxDataSize(value = 100, unit = io.dropwizard.util.DataSizeUnit.MEBIBYTES)
    private DataSize maxSize = DataSize.mebibytes(10);

    @JsonProperty
    @NotBlank
    private String path = "./uploads";

    public DataSize getMaxSize() {
        return maxSize;
    }

    public Path getPath() {
        return Path.of(path).toAbsolutePath().normalize();
    }
}
