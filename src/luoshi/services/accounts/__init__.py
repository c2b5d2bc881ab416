"""Accounts: users, passwords, sign-in, browser sessions, API tokens and the departments (责任单位)."""
