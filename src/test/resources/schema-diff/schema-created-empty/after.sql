create schema reporting;
