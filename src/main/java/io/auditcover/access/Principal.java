package io.auditcover.access;

/** The caller of a request, as authentication established it. */
public sealed interface Principal {

    /** A stable id for rate limits and idempotency key namespaces. */
    String id();

    Role role();

    record Anonymous(String clientAddress) implements Principal {
        @Override
        public String id() {
            return "ip:" + clientAddress;
        }

        @Override
        public Role role() {
            return Role.ANONYMOUS;
        }
    }

    /** A signed-in wallet; its lower-case address is its underwriter and holder id in the engine. */
    record Wallet(String address, boolean assessor) implements Principal {
        @Override
        public String id() {
            return address;
        }

        @Override
        public Role role() {
            return assessor ? Role.ASSESSOR : Role.WALLET;
        }
    }

    /** An auditor's API key: reads what staff and operators read, writes nothing. */
    record Auditor(String keyName) implements Principal {
        @Override
        public String id() {
            return "auditor:" + keyName;
        }

        @Override
        public Role role() {
            return Role.AUDITOR;
        }
    }

    record Operator(String keyName) implements Principal {
        @Override
        public String id() {
            return "operator:" + keyName;
        }

        @Override
        public Role role() {
            return Role.OPERATOR;
        }
    }
}
