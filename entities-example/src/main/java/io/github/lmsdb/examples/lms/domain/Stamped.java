package io.github.lmsdb.examples.lms.domain;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/** Every LMS table's identity key and creation time; the database fills created_at (default now()). */
@MappedSuperclass
public abstract class Stamped {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    protected Long id;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    protected Instant createdAt;

    public Long getId() {
        return id;
    }
}
