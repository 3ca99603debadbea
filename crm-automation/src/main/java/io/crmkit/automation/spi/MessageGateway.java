package io.crmkit.automation.spi;

/** Carries messages out (e-mail, SMS, LINE, push); implemented by the host. */
@FunctionalInterface
public interface MessageGateway {
    /**
     * Sends a message, or does nothing if a message with the same {@link Message#key()} was sent.
     *
     * @param message the message
     * @throws DeliveryException if it could not be sent
     */
    void send(Message message);
}
