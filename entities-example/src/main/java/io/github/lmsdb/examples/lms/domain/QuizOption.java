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
@Table(name = "quiz_options", uniqueConstraints = {
    // The target of user_answers' two-column foreign key: an answer's option belongs to the answer's question.
    @UniqueConstraint(name = "quiz_options_id_question_id_key", columnNames = {"id", "question_id"}),
    @UniqueConstraint(name = "quiz_options_question_id_position_key", columnNames = {"question_id", "position"})
})
public class QuizOption extends Updated {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "question_id", nullable = false, foreignKey = @ForeignKey(name = "quiz_options_question_id_fkey"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private QuizQuestion question;

    @Column(name = "body", nullable = false, columnDefinition = "text")
    private String body;

    @Column(name = "is_correct", nullable = false)
    private boolean correct;

    @Column(name = "position", nullable = false)
    private int position;
}
