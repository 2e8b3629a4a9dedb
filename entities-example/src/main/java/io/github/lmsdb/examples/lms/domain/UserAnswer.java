package io.github.lmsdb.examples.lms.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinColumns;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

@Entity
@Table(name = "user_answers",
        uniqueConstraints = @UniqueConstraint(name = "user_answers_attempt_id_question_id_key", columnNames = {"attempt_id", "question_id"}),
        indexes = {
            @Index(name = "idx_user_answers_option_id", columnList = "option_id"),
            @Index(name = "idx_user_answers_question_id", columnList = "question_id")
        })
public class UserAnswer extends Stamped {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "attempt_id", nullable = false, foreignKey = @ForeignKey(name = "user_answers_attempt_id_fkey"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private QuizAttempt attempt;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "question_id", nullable = false, foreignKey = @ForeignKey(name = "user_answers_question_id_fkey"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private QuizQuestion question;

    @Column(name = "option_id", nullable = false)
    private Long optionId;

    /** The chosen option, read through (option_id, question_id): the option must belong to the answer's question. */
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumns(value = {
        @JoinColumn(name = "option_id", referencedColumnName = "id", insertable = false, updatable = false),
        @JoinColumn(name = "question_id", referencedColumnName = "question_id", insertable = false, updatable = false)
    }, foreignKey = @ForeignKey(name = "user_answers_option_id_fkey"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private QuizOption option;
}
