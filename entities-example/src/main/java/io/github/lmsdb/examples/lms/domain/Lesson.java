package io.github.lmsdb.examples.lms.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

@Entity
@Table(name = "lessons",
        uniqueConstraints = @UniqueConstraint(name = "lessons_section_id_position_key", columnNames = {"section_id", "position"}))
public class Lesson extends Updated {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "section_id", nullable = false, foreignKey = @ForeignKey(name = "lessons_section_id_fkey"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private CourseSection section;

    @Column(name = "title", nullable = false, length = 200)
    private String title;

    @Column(name = "content", nullable = false, columnDefinition = "text")
    private String content;

    @Column(name = "position", nullable = false)
    private int position;

    @Column(name = "duration_minutes", nullable = false)
    private int durationMinutes;
}
