/**
 * The `sasl.jaas.config` value of a Java client:
 *   org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="s3cr\"et";
 * One login module, a control flag, then `name=value` options; values quoted (with backslash
 * escapes) or bare.
 */
export interface JaasConfig {
  loginModule: string;
  options: Record<string, string>;
}

export function parseJaas(value: string): JaasConfig | null {
  const head = /^\s*([\w.$]+)\s+(required|requisite|sufficient|optional)\b/i.exec(value);
  if (!head) return null;
  const options: Record<string, string> = {};
  let i = head[0].length;
  const s = value;
  const skipSpace = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  for (;;) {
    skipSpace();
    if (i >= s.length || s[i] === ';') break;
    const name = /^[\w.-]+/.exec(s.slice(i))?.[0];
    if (!name) return null;
    i += name.length;
    skipSpace();
    if (s[i] !== '=') return null;
    i++;
    skipSpace();
    let v = '';
    if (s[i] === '"' || s[i] === "'") {
      const quote = s[i]!;
      i++;
      while (i < s.length && s[i] !== quote) {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        v += s[i];
        i++;
      }
      if (s[i] !== quote) return null;
      i++;
    } else {
      const bare = /^[^\s;]*/.exec(s.slice(i))![0];
      v = bare;
      i += bare.length;
    }
    options[name] = v;
  }
  return { loginModule: head[1]!, options };
}

/** "org.apache.kafka.common.security.plain.PlainLoginModule" → "PlainLoginModule". */
export function moduleName(loginModule: string): string {
  return loginModule.slice(loginModule.lastIndexOf('.') + 1);
}
