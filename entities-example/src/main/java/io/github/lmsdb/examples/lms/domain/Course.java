package io.github.lmsdb.examples.lms.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

@Entity
@Table(name = "courses",
        uniqueConstraints = @UniqueConstraint(name = "courses_slug_key", columnNames = "slug"),
        indexes = {
            @Index(name = "idx_courses_category", columnList = "category"),
            @Index(name = "idx_courses_instructor_id", columnList = "instructor_id"),
            @Index(name = "idx_courses_status", columnList = "status")
        })
public class Course extends Updated {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "instructor_id", nullable = false, foreignKey = @ForeignKey(name = "courses_instructor_id_fkey"))
    @OnDelete(action = OnDeleteAction.RESTRICT)
    private User instructor;

    @Column(name = "title", nullable = false, length = 200)
    private String title;

    @Column(name = "description", columnDefinition = "text")
    private String description;

    @Column(name = "status", nullable = false, length = 20)
    private String status;

    @Column(name = "price", nullable = false, precision = 10, scale = 2)
    private BigDecimal price;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "slug", nullable = false, length = 200)
    private String slug;

    @Column(name = "category", length = 100)
    private String category;
}
