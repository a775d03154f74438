#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace Jw {

/// An error a person can read: one sentence, already translated.
struct Error
{
    QString message;
};

/// The value of an operation that succeeded and has nothing to return.
struct Done
{
};

/// Either a value or an Error. Database and session failures travel as values
/// so the UI can show them; nothing in core aborts the process.
template<typename T>
class [[nodiscard]] Expected
{
public:
    Expected(T value) : m_value(std::move(value)) { }
    Expected(Error error) : m_value(std::move(error)) { }

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_value); }
    T &value() & { return std::get<T>(m_value); }
    T &&value() && { return std::get<T>(std::move(m_value)); }
    const T *operator->() const { return &std::get<T>(m_value); }

    const Error &error() const { return std::get<Error>(m_value); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_value;
};

} // namespace Jw
