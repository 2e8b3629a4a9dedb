package io.github.lmsdb.examples.lms.domain;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/** Tables whose updated_at the set_updated_at() trigger keeps current. */
@MappedSuperclass
public abstract class Updated extends Stamped {
    @Column(name = "updated_at", nullable = false, insertable = false, updatable = false)
    protected Instant updatedAt;
}
