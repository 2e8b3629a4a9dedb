package com.example.library;

public enum BookStatus { DRAFT, PUBLISHED, OUT_OF_PRINT }
