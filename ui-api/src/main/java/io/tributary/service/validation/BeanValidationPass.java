package io.tributary.service.validation;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import io.tributary.service.config.TributaryConfig;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The constraints declared on the config interfaces ({@code @Pattern}, {@code @Min}, ...), checked
 * the way the service checks them at start-up, on a mapping that may hold stand-ins.
 */
final class BeanValidationPass {
  private BeanValidationPass() {}

  static void run(TributaryConfig config, ConfigErrors errors) {
    try (ValidatorFactory factory =
        Validation.byProvider(HibernateValidator.class)
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()) {
      Validator validator = factory.getValidator();
      BeanValidationConfigValidator check = () -> validator;
      check.validateMapping(TributaryConfig.class, ConfigMappingPass.PREFIX, config);
    } catch (ConfigValidationException e) {
      for (int i = 0; i < e.getProblemCount(); i++) {
        // Each problem reads "<key> <message>".
        String problem = e.getProblem(i).getMessage();
        int space = problem.indexOf(' ');
        errors.add(
            ConfigMappingPass.display(
                space < 0 ? ConfigMappingPass.PREFIX : problem.substring(0, space)),
            space < 0 ? problem : problem.substring(space + 1));
      }
    }
  }
}
