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
@Table(name = "quiz_questions",
        uniqueConstraints = @UniqueConstraint(name = "quiz_questions_quiz_id_position_key", columnNames = {"quiz_id", "position"}))
public class QuizQuestion extends Updated {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "quiz_id", nullable = false, foreignKey = @ForeignKey(name = "quiz_questions_quiz_id_fkey"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Quiz quiz;

    @Column(name = "prompt", nullable = false, columnDefinition = "text")
    private String prompt;

    @Column(name = "position", nullable = false)
    private int position;

    @Column(name = "points", nullable = false)
    private int points;
}
