package com.caddyshop.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.NotNull;

/** {@code UPLOAD_MAX_SIZE}. Images are stored in the database (see the catalog's ImageStore). */
public class UploadSettings {
    @JsonProperty
    @NotNull
    @MinDataSize(1)
    @MaxDataSize(value = 100, unit = io.dropwizard.util.DataSizeUnit.MEBIBYTES)
    private DataSize maxSize = DataSize.mebibytes(10);

    public DataSize getMaxSize() {
        return maxSize;
    }
}
