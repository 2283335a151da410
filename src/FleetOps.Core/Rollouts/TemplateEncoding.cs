namespace FleetOps.Core.Rollouts;

/// <summary>Where a rendered value goes, which decides how it is written.</summary>
public enum TemplateEncoding
{
    /// <summary>Headers and body: values as they are.</summary>
    Raw,

    /// <summary>
    /// A URL: {{name}} and {{labels.x}} are percent-encoded (a value cannot add a path segment or a query parameter);
    /// {{host}}, {{port}} and {{address}} form the authority and go in as is, an IPv6 host in brackets.
    /// </summary>
    Url,

    /// <summary>
    /// A PromQL query: every value is escaped as inside a PromQL string literal (backslash, both quotes, line breaks),
    /// so a node name or label cannot close the string and add a matcher.
    /// </summary>
    PromQl,
}
