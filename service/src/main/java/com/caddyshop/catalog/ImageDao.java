package com.caddyshop.catalog;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Stored images: one row of metadata and its chunks, in order of {@code seq}. */
@RegisterConstructorMapper(StoredImage.class)
interface ImageDao {
    @SqlUpdate("""
            INSERT INTO product_images (name, content_type, size_bytes, chunk_count)
            VALUES (:name, :contentType, :size, :chunks)""")
    void insert(@Bind("name") String name, @Bind("contentType") String contentType, @Bind("size") long size,
                @Bind("chunks") int chunks);

    @SqlUpdate("INSERT INTO product_image_chunks (name, seq, data) VALUES (:name, :seq, :data)")
    void insertChunk(@Bind("name") String name, @Bind("seq") int seq, @Bind("data") byte[] data);

    @SqlQuery("""
            SELECT name, content_type, size_bytes AS size, chunk_count AS chunks
            FROM product_images WHERE name = :name""")
    Optional<StoredImage> find(@Bind("name") String name);

    @SqlQuery("SELECT data FROM product_image_chunks WHERE name = :name AND seq = :seq")
    Optional<byte[]> chunk(@Bind("name") String name, @Bind("seq") int seq);

    @SqlUpdate("DELETE FROM product_image_chunks WHERE name = :name")
    void deleteChunks(@Bind("name") String name);

    @SqlUpdate("DELETE FROM product_images WHERE name = :name")
    void delete(@Bind("name") String name);
}
