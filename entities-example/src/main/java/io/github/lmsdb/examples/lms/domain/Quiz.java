package io.github.lmsdb.examples.lms.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

@Entity
@Table(name = "quizzes", indexes = {
    @Index(name = "idx_quizzes_lesson_id", columnList = "lesson_id"),
    @Index(name = "idx_quizzes_time_limit", columnList = "time_limit")
})
public class Quiz extends Updated {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "lesson_id", nullable = false, foreignKey = @ForeignKey(name = "quizzes_lesson_id_fkey"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Lesson lesson;

    @Column(name = "title", nullable = false, length = 200)
    private String title;

    @Column(name = "description", columnDefinition = "text")
    private String description;

    @Column(name = "passing_score", nullable = false)
    private int passingScore;

    /** Minutes allowed for an attempt; null is no limit. */
    @Column(name = "time_limit")
    private Integer timeLimit;
}
