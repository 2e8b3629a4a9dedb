package com.example.library;

import jakarta.persistence.*;
import jakarta.validation.constraints.*;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

@Entity
@Table(indexes = @Index(name = "idx_book_published_at", columnList = "publishedAt"))
public class Book {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    // Bean Validation alone, as a Spring Boot application often has it: Hibernate makes the column varchar(300) not null.
    @NotBlank
    @Size(max = 300)
    private String title;

    @Column(unique = true, length = 13)
    private String isbn;

    private UUID catalogueId;

    @Column(precision = 8, scale = 2)
    private BigDecimal listPrice;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private BookStatus status;

    private Instant publishedAt;

    @NotNull
    @Min(1)
    private Integer pages;

    @Min(0)
    @Max(5)
    private Integer rating;

    @Digits(integer = 4, fraction = 3)
    private BigDecimal weightKg;

    private boolean featured;

    @ManyToOne(optional = false)
    private Author mainAuthor;

    @ManyToMany
    private Set<Tag> tags;
}
